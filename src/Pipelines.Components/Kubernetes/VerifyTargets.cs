using System.Diagnostics;
using System.Text.RegularExpressions;
using Pipelines.GitOps;
using Pipelines.Kubernetes;
using Pipelines.Kubernetes.Verifying;
using Pipelines.Tooling;

namespace Pipelines.Components;

/// <summary>What Verify and VerifyPromotion share: parameters to verification options, the run, the record in the config
/// repo, and the output and notes.</summary>
static partial class VerifyTargets
{
    /// <summary>One environment's verification: the image it should run, the config commit it ran, and where to ask it.</summary>
    public sealed record Request(string Environment, ExpectedImage Image, string? Commit, string[] Workloads, string? Service, string? Url, TimeSpan Soak,
        string? SourceCommit)
    {
        /// <summary>Runs after a failed verification is recorded, with the cluster it was checked in (if any), the failure and its line.</summary>
        public Func<ClusterConnection?, VerificationFailedException, string, Task>? AfterFailure { get; init; }
    }

    /// <summary>The commit of a Flux revision (<c>main@sha1:&lt;sha&gt;</c>, or a bare SHA), when it names one in full.</summary>
    public static string? AppliedCommit(string? revision) =>
        revision is not null && FullSha().Match(revision) is { Success: true } match ? match.Value : null;

    /// <summary>Runs the verification, records it (passed or failed) and sets the output; a failure becomes the target's, prefixed by the environment.</summary>
    public static async Task RunAsync(IVerify build, Request request, Func<ClusterConnection?> open, string outputName, CancellationToken ct,
        params (Input Input, string Parameter)[] aliases)
    {
        // An earlier run's verdict must not stand in for this one's.
        build.Outputs.Remove(outputName);
        var options = Options(build, request);
        var connection = open();
        build.Log.WriteLine($"Verifying {request.Image} in {Named(request.Environment)} through {options.App?.ToString() ?? "the Service selecting its pods"}"
            + (options.Soak > TimeSpan.Zero ? $", soak {options.Soak} every {options.Interval}" : "")
            + (connection is null ? "" : $" ({connection.Host}, context {connection.Context})"));
        VerificationResult result;
        VerificationFailedException? failure = null;
        try
        {
            result = await new Verifier(connection).VerifyAsync(options, new CheckLog(build.Log), ct).ConfigureAwait(false);
        }
        catch (VerificationFailedException e)
        {
            (failure, result) = (e, e.Result);
        }
        string? recorded = null;
        try
        {
            recorded = await RecordAsync(build, request, result, ct).ConfigureAwait(false);
        }
        catch (PipelinesException e) when (failure is not null)
        {
            // The verification's own failure is the one to report; the record is a courtesy then.
            build.Log.WriteLine($"The failed verification was not recorded: {ComponentFailures.Translate(e, aliases).Message}");
        }
        build.Outputs.Set(outputName, Output(request, result, recorded));
        var where = recorded is null ? "not recorded (no --config-repo)" : $"recorded on config commit {recorded[..7]}";
        if (failure is not null)
        {
            build.Note($"{Named(request.Environment)}: FAILED after {result.Checks.Count} check(s); {where}");
            var message = $"{Prefix(request.Environment)}{ComponentFailures.Translate(failure, aliases).Message}";
            if (request.AfterFailure is { } after)
                await after(connection, failure, message).ConfigureAwait(false);
            throw new TargetFailedException(message);
        }
        var soak = result.Soaked > TimeSpan.Zero && options.Soak > TimeSpan.Zero ? $" over a {Seconds(result.Soaked)} soak" : "";
        build.Note($"{Prefix(request.Environment)}{result.Target} passed {result.Checks.Count} check(s){soak}"
            + (result.FirstPassAfter is { } first ? $", first pass after {Seconds(first)}" : "") + $"; {where}");
    }

    static VerificationOptions Options(IVerify build, Request request)
    {
        if (request.Service is not null && request.Url is not null)
            throw new KubernetesInputException(KubernetesInputs.VerifyUrl, $"and the {KubernetesInputs.VerifyService} are both given", $"give one of them");
        VerificationEndpoint? app = request.Url is { } url ? VerificationEndpoint.Url(AppUrl.Parse(url, KubernetesInputs.VerifyUrl))
            : request.Service is { } service ? VerificationEndpoint.Service(ServiceAddress.Parse(service, KubernetesInputs.VerifyService))
            : null;
        var body = build.VerifyBody switch
        {
            ExpectedBody.ImageTag => [request.Image.Tag ?? throw new KubernetesInputException(KubernetesInputs.VerifyBody, $"asks for the image tag, but {request.Image} has none",
                $"verify an image by tag, or ask for Anything")],
            ExpectedBody.SourceCommit => [request.SourceCommit ?? throw new KubernetesInputException(KubernetesInputs.VerifyBody,
                $"asks for the source commit, but it is not known here (it comes with the pushed image of Ci)", $"run Ci in the same run or job, or ask for ImageTag")],
            _ => Array.Empty<string>(),
        };
        return new VerificationOptions
        {
            App = app,
            Path = build.VerifyPath,
            AcceptedStatus = StatusRange.Parse(build.VerifyStatus, KubernetesInputs.VerifyStatus),
            BodyMustContain = body,
            Prometheus = Prometheus(build),
            Soak = request.Soak,
            Interval = build.VerifyInterval,
            CheckTimeout = build.VerifyCheckTimeout,
            Grace = build.VerifyGrace,
            Workloads = request.Workloads.Select(WorkloadReference.Parse).ToList(),
            Namespaces = build.Namespace,
            Image = request.Image,
            ApiOutageTolerance = build.ApiOutageTolerance,
        };
    }

    static PrometheusCheck? Prometheus(IVerify build)
    {
        var (url, service, query) = (build.VerifyPrometheusUrl, build.VerifyPrometheusService, build.VerifyPrometheusQuery);
        if (query is null)
        {
            if (url is not null || service is not null || build.VerifyPrometheusMax is not null || build.VerifyPrometheusMin is not null)
                throw new KubernetesInputException(KubernetesInputs.PrometheusQuery, $"is missing, but a Prometheus server or threshold is given", $"give the query the threshold applies to");
            return null;
        }
        if ((url is null) == (service is null))
            throw new KubernetesInputException(KubernetesInputs.PrometheusQuery, $"needs one Prometheus server",
                $"give the {KubernetesInputs.PrometheusUrl} or the {KubernetesInputs.PrometheusService}, not both or neither");
        var server = url is not null
            ? VerificationEndpoint.Url(AppUrl.Parse(url, KubernetesInputs.PrometheusUrl))
            : VerificationEndpoint.Service(ServiceAddress.Parse(service!, KubernetesInputs.PrometheusService));
        return new PrometheusCheck(server, query, VerificationOptions.ParseThreshold(build.VerifyPrometheusMax, KubernetesInputs.PrometheusMax),
            VerificationOptions.ParseThreshold(build.VerifyPrometheusMin, KubernetesInputs.PrometheusMin));
    }

    /// <summary>Writes the verdict into the config repo as a note on the config commit; null when there is no config repo or environment.</summary>
    static async Task<string?> RecordAsync(IVerify build, Request request, VerificationResult result, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(build.ConfigRepo) || request.Environment.Length == 0)
            return null;
        var record = new VerificationRecord(request.Environment, request.Image.Repository, request.Image.Tag, request.Image.Digest, result.RunningDigests,
            VerificationRecordCommit(request.Commit), result.Passed, result.SoakStartedAt, result.SoakEndedAt, result.Checks.Count, result.Target, result.Failure,
            ConfigRepoTargets.BuildUrl(build), DateTimeOffset.UtcNow);
        var note = await new VerificationNotes(ConfigRepoTargets.Settings(build), build.Tools).AppendAsync(record, ct).ConfigureAwait(false);
        build.Log.WriteLine($"Recorded the verification on config commit {note.Commit} ({VerificationNotes.NotesRef}, {note.Pushes} push(es))");
        return note.Commit;
    }

    // A full commit id, or empty for "the config branch's head".
    static string VerificationRecordCommit(string? commit) => commit is { Length: 40 } ? commit.ToLowerInvariant() : "";

    static Verification Output(Request request, VerificationResult result, string? recorded) =>
        new(request.Environment, request.Image.ToString(), result.Target, result.Passed, result.SoakStartedAt, result.SoakEndedAt,
            Math.Round(result.Soaked.TotalSeconds, 3), result.FirstPassAfter is { } first ? Math.Round(first.TotalSeconds, 3) : null,
            result.Checks.Select(c => new VerifiedCheck(c.At, c.Kind, c.Passed, c.Detail, Math.Round(c.Duration.TotalMilliseconds, 1))).ToList(),
            result.RunningDigests, recorded, result.Failure);

    static string Named(string environment) => environment.Length == 0 ? "the cluster" : environment;

    static string Prefix(string environment) => environment.Length == 0 ? "" : environment + ": ";

    static string Seconds(TimeSpan span) =>
        span < TimeSpan.FromSeconds(1) ? $"{span.TotalMilliseconds:0}ms"
        : span.TotalSeconds < 120 ? $"{span.TotalSeconds:0.0}s"
        : span.ToString(span.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])")]
    private static partial Regex FullSha();

    /// <summary>Checks as log lines: the first pass, every failure, and passes at most once a minute (a day's soak stays readable).</summary>
    sealed class CheckLog(TextWriter log) : IProgress<VerificationCheck>
    {
        readonly Stopwatch _since = Stopwatch.StartNew();
        readonly Lock _gate = new();
        bool _passed;
        TimeSpan _lastPassLine = TimeSpan.MinValue;
        int _quiet;

        public void Report(VerificationCheck check)
        {
            lock (_gate)
            {
                var now = _since.Elapsed;
                if (check.Passed && _passed && now - _lastPassLine < TimeSpan.FromMinutes(1) && check.Kind != "pods")
                {
                    _quiet++;
                    return;
                }
                _passed |= check.Passed;
                if (check.Passed) _lastPassLine = now;
                var more = _quiet > 0 ? $" (and {_quiet} passing check(s) since the last line)" : "";
                _quiet = 0;
                log.WriteLine($"[{now:mm\\:ss}] {(check.Passed ? "pass" : "FAIL")} {check.Kind}: {check.Detail}{more}");
            }
        }
    }
}
