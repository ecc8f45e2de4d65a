using Pipelines.Testing;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>The sample's composition against ECR: Release (Ci then Cd), InitConfigRepo to create the config repo, Rollback, and
/// Promote with WaitPromotion.</summary>
public sealed class ReleaseBuild : PipelineBuild, IRelease, IPushEcr, IInitConfigRepo, IRollback, IWaitPromotion
{
    /// <summary>Runs this build in-process in <paramref name="root"/> (default target Release) in the test process's environment.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string root, params string[] args) =>
        RunAsync(root, InvocationEnvironment.Of(), args);

    /// <summary>Runs this build in-process in <paramref name="root"/> with <paramref name="environment"/> and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string root, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        InProcessBuild.RunAsync<ReleaseBuild>(root, environment, args);
}
