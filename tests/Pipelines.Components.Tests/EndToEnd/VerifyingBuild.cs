using Pipelines.Components;
using Pipelines.Testing;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>The sample's composition as shipped: Release (Cd verifies the app), Promote gated by what dev verified, then
/// WaitPromotion and VerifyPromotion in prod.</summary>
public sealed class VerifyingBuild : PipelineBuild, IRelease, IPushEcr, IInitConfigRepo, IRollback, IVerifyPromotion
{
    /// <summary>Runs this build in-process in <paramref name="root"/> with <paramref name="args"/> in the test process's environment.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string root, params string[] args) =>
        InProcessBuild.RunAsync<VerifyingBuild>(root, InvocationEnvironment.Of(), args);
}
