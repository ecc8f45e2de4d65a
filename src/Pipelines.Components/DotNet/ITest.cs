
namespace Pipelines.Components;

/// <summary>
/// Test: <c>dotnet test</c> of what Compile built, with TRX results under <c>artifacts/test-results</c> (for CI to publish)
/// and the passed/failed counts in the summary. It runs before DockerBuild, so a failing test never yields an image.
/// </summary>
public interface ITest : ICompile
{
    /// <summary>The test filter.</summary>
    [Parameter("Run only the tests matching this filter (dotnet test --filter), e.g. FullyQualifiedName~Api")]
    string? TestFilter => TryGetValue(() => TestFilter);

    /// <summary>How long one test may run before it counts as hung: the test host is then stopped and the test named.</summary>
    [Parameter("How long one test may run before it counts as hung and the run stops, naming it (default 10 min)")]
    TimeSpan TestHangTimeout => TryGetValue(() => TestHangTimeout) ?? TestHangBound.Default;

    /// <summary>Where the TRX files go.</summary>
    string TestResultsDirectory => Path.Combine(ArtifactsDirectory, "test-results");

    /// <summary>Runs the tests and notes the counts.</summary>
    Target Test => _ => _
        .Description("Run the tests (dotnet test); TRX results under artifacts/test-results")
        .DependsOn<ICompile>(x => x.Compile)
        .TryBefore<IDockerBuild>(x => x.DockerBuild)
        .Executes(async ct =>
        {
            var results = TestResultsDirectory;
            if (Directory.Exists(results))
                Directory.Delete(results, recursive: true);
            string[] filter = TestFilter is { Length: > 0 } f ? ["--filter", f] : [];
            var bound = TestHangTimeout;
            if (bound < TestHangBound.Minimum)
                throw new InvocationException($"--test-hang-timeout is {bound:c}; give at least {TestHangBound.Minimum.TotalSeconds:0}s, e.g. 10m");
            var run = await Tools.RunAsync("dotnet",
                ["test", ResolveSolution(), "-c", Configuration, "--no-build", "--nologo", "--logger", "trx", "--results-directory", results,
                 .. TestHangBound.Arguments(bound), .. filter],
                RootDirectory, throwOnError: false, ct: ct).ConfigureAwait(false);
            var counts = TestCounts.Read(results);
            Note(counts.ToString());
            if (run.ExitCode != 0 && TestHangBound.Describe(run.StandardOutput + run.StandardError, bound) is { } stopped)
                throw new TargetFailedException($"{stopped} ({counts}); the tests that finished are in artifacts/test-results/*.trx");
            if (run.ExitCode != 0)
                throw new TargetFailedException(counts.Failed > 0
                    ? $"{counts.Failed} of {counts.Total} tests failed; details in artifacts/test-results/*.trx"
                    : $"dotnet test exited with {run.ExitCode} ({counts}); see the output above");
        });
}
