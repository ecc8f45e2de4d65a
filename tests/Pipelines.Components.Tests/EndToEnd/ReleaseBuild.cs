using Pipelines.Components;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>The sample's composition against ECR: Release (Ci then Cd), InitConfigRepo to create the config repo, Rollback, and
/// Promote with WaitPromotion.</summary>
public sealed class ReleaseBuild : PipelineBuild, IRelease, IPushEcr, IInitConfigRepo, IRollback, IWaitPromotion
{
    /// <summary>Runs this build in-process in <paramref name="root"/> (default target Release) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string root, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var invocation = new BuildInvocation(args, new Dictionary<string, string?>(), stdout, stderr) { RootDirectory = root };
        var exitCode = await PipelineBuild.ExecuteAsync<ReleaseBuild>(invocation, x => ((IRelease)x).Release);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
