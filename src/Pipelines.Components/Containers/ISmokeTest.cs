using System.Globalization;
using Pipelines.Containers.Building;
using Pipelines.Containers.Running;

namespace Pipelines.Components;

/// <summary>
/// SmokeTest: before the image is pushed, start it in the local engine and wait until it answers HTTP (and passes its
/// <c>HEALTHCHECK</c>), so an image that crashes on start, listens on the wrong port or lacks a runtime file fails here in
/// one line instead of in the cluster after the bump. Where no engine answers (a daemonless agent) it is skipped with a
/// notice, and the summary says "not smoke-tested".
/// </summary>
public interface ISmokeTest : IDockerBuild
{
    /// <summary>The container port requested.</summary>
    [Parameter("Container port SmokeTest requests; defaults to the image's single EXPOSE")]
    int? SmokeTestPort => TryGetValue<int>(() => SmokeTestPort);

    /// <summary>The path requested.</summary>
    [Parameter("HTTP path SmokeTest requests until the container answers")]
    string SmokeTestPath => TryGetValue(() => SmokeTestPath) ?? "/healthz";

    /// <summary>The status codes accepted.</summary>
    [Parameter("Status codes SmokeTest accepts, single or ranges (repeatable), e.g. 200 or 200-299; default 200-399, as a Kubernetes httpGet probe")]
    string[] SmokeTestStatus => TryGetValue(() => SmokeTestStatus) ?? [];

    /// <summary>How long the container may take to answer.</summary>
    [Parameter("How long the smoke-tested container may take to answer (and pass its HEALTHCHECK), e.g. 00:01:00")]
    TimeSpan SmokeTestTimeout => TryGetValue(() => SmokeTestTimeout) ?? TimeSpan.FromMinutes(1);

    /// <summary>Variables for the container.</summary>
    [Parameter("Environment variable KEY=VALUE for the smoke-tested container (repeatable); it gets nothing else of the build's environment, and no secret")]
    string[] SmokeTestEnv => TryGetValue(() => SmokeTestEnv) ?? [];

    /// <summary>The container's memory limit.</summary>
    [Parameter("Memory limit for the smoke-tested container, e.g. 256m (the Deployment's limit), so an app that needs more is OOM-killed here")]
    string? SmokeTestMemory => TryGetValue(() => SmokeTestMemory);

    /// <summary>Paths whose answers are shown.</summary>
    [Parameter("Path SmokeTest also requests once the container answers, shown in the summary (repeatable), e.g. /version")]
    string[] SmokeTestShow => TryGetValue(() => SmokeTestShow) ?? [];

    /// <summary>Runs the built image and records the <c>smoke-test</c> output.</summary>
    Target SmokeTest => _ => _
        .Description("Start the built image in the local engine and wait until it answers --smoke-test-path; skipped where no engine answers")
        .DependsOn<IDockerBuild>(x => x.DockerBuild)
        .TryBefore<IPushEcr>(x => x.PushEcr)
        .TryBefore<IPushImage>(x => x.PushImage)
        .CiComment("runs the built image in the agent's Docker engine before the push (GitHub-hosted runners have one); on an agent without an engine, such as a Jenkins pod without docker.sock, it is skipped and the summary says \"not smoke-tested\"")
        .Executes(ct => ComponentFailures.RunAsync(async () =>
        {
            var built = RecordedImage("smoke-test");
            // An earlier run's report must not stand in for this one's.
            Outputs.Remove(SmokeTestReport.OutputName);
            var options = new SmokeTestOptions(built.LocalReference)
            {
                ContainerPort = SmokeTestPort,
                Path = SmokeTestPath,
                AcceptedStatus = SmokeTestStatus.Length == 0 ? StatusCodeSet.Default : StatusCodeSet.Parse(SmokeTestStatus),
                StartTimeout = SmokeTestTimeout,
                Environment = SmokeTestOptions.ParseEnvironment(SmokeTestEnv),
                MemoryLimit = SmokeTestMemory,
                ShowPaths = SmokeTestShow,
                Archive = built.Builder == ImageBuilderKind.Dotnet ? CreateImageBuildOptions().ArchivePath : null,
                Log = Log,
            };
            SmokeTestResult result;
            try
            {
                result = await new SmokeTester(Tools).RunAsync(options, ct).ConfigureAwait(false);
            }
            catch (ContainerEngineUnavailableException e)
            {
                var notice = e.Describe(withRemedy: false);
                Log.WriteLine($"not smoke-tested: {notice}");
                Note(notice);
                throw new TargetSkippedException("not smoke-tested");
            }
            Outputs.Set(SmokeTestReport.OutputName, new SmokeTestReport(result.Image, result.Address.ToString(), result.TimeToFirstAnswer,
                result.StatusCode, result.Health, result.Served));
            Note(SmokeTestNote(result));
        }));

    /// <summary>One line for the summary: the answer, how soon, the health check, and what the shown paths served.</summary>
    private static string SmokeTestNote(SmokeTestResult result)
    {
        var seconds = result.TimeToFirstAnswer.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        var note = $"{result.Address.AbsolutePath} answered {result.StatusCode} after {seconds}s on {result.Address.Authority}";
        if (result.Health is { } health)
            note += $", HEALTHCHECK {health}";
        foreach (var served in result.Served)
            note += $"; {served.Path}: {(served.StatusCode == 0 ? "no answer" : served.StatusCode == 200 ? "" : served.StatusCode + " ")}{Shorten(served.Body)}";
        return note;
    }

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + "…" : text;
}
