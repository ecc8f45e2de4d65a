using Pipelines.Components;
using Pipelines.Testing;

namespace Pipelines.Components.Tests.Containers;

/// <summary>Ci pushing to any registry: DockerBuild → SmokeTest → PushImage.</summary>
public sealed class SmokeTestBuild : PipelineBuild, ICi, IPushImage
{
    /// <summary>Runs this build in-process in <paramref name="root"/> with the test process's environment and <paramref name="variables"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string root, IEnumerable<(string Name, string? Value)> variables, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var invocation = new BuildInvocation(args, InvocationEnvironment.Of(variables), stdout, stderr) { RootDirectory = root };
        var exitCode = await PipelineBuild.ExecuteAsync<SmokeTestBuild>(invocation, x => ((ICi)x).Ci);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
