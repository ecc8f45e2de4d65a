using System.Text.Json;
using Pipelines;
using Pipelines.Components;

/// <summary>
/// The proof a walkthrough checks by eye after changing the app: the image about to ship, running, says it is the version
/// and the commit just built. SmokeTest asks it for /version (<c>"smoke-test-show": ["/version"]</c> in .nuke/parameters.json).
/// </summary>
partial class Build
{
    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Fails Ci, before the push, when the running image does not name the commit it was built from.</summary>
    Target VerifyServedVersion => _ => _
        .Description("Check that the smoke-tested image served /version with the commit it was built from, and show both in the summary")
        .DependsOn<ISmokeTest>(x => x.SmokeTest)
        .DependentFor<ICi>(x => x.Ci)
        .TryBefore<IPushEcr>(x => x.PushEcr)
        .TryBefore<IPushImage>(x => x.PushImage)
        .Executes(() =>
        {
            var built = Outputs.Get<BuiltImage>(BuiltImage.OutputName)
                ?? throw new TargetFailedException("No built image: run DockerBuild first");
            var report = Outputs.Get<SmokeTestReport>(SmokeTestReport.OutputName);
            if (report is null || report.Image != built.LocalReference)
                throw new TargetSkippedException("not smoke-tested");
            var served = report.Served.FirstOrDefault(s => s.Path == "/version")
                ?? throw new TargetFailedException("SmokeTest did not request /version; keep \"smoke-test-show\": [\"/version\"] in .nuke/parameters.json");
            var version = (served.StatusCode == 200 ? Parse(served.Body) : null)
                ?? throw new TargetFailedException($"{built.LocalReference} answered /version with {served.StatusCode}, not the version JSON: {served.Body}");
            if (version.Commit != built.SourceCommit)
                throw new TargetFailedException($"{built.LocalReference} says it was built from {version.Commit}, but DockerBuild built {built.SourceCommit}; "
                    + "check that the Dockerfile passes SOURCE_COMMIT into the app's environment");
            Note($"the running image served version {version.Version} from commit {version.Commit[..7]}, the commit built");
        });

    static ServedVersion? Parse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<ServedVersion>(body, Web) is { Version: { Length: > 0 }, Commit: { Length: > 0 } } version ? version : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What the app's /version serves.</summary>
    sealed record ServedVersion(string Version, string Commit);
}
