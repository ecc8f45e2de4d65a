using Pipelines.Components;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>Runs one of the end-to-end builds in-process, default target Release, and returns its exit code and output.</summary>
static class InProcessBuild
{
    /// <summary>Runs <typeparamref name="TBuild"/> in <paramref name="root"/> with <paramref name="environment"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync<TBuild>(string root, IReadOnlyDictionary<string, string?> environment, string[] args)
        where TBuild : PipelineBuild, IRelease, new()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var invocation = new BuildInvocation(args, environment, stdout, stderr) { RootDirectory = root };
        var exitCode = await PipelineBuild.ExecuteAsync<TBuild>(invocation, x => ((IRelease)x).Release);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
