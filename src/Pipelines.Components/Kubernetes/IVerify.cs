using Pipelines.Kubernetes;

namespace Pipelines.Components;

/// <summary>
/// Verify: after WaitRollout, checks that the deployed app serves: through the Kubernetes API's service proxy (no ingress or
/// node network needed; the Service is <c>--verify-service</c>, or the one selecting the workload's pods) or at
/// <c>--verify-url</c>; the status, optionally the image tag or commit in the body, optionally a Prometheus query within a
/// threshold. With <c>--verify-soak</c> it checks again every <c>--verify-interval</c> for that long and fails at a failed
/// check, a container restart or a readiness drop. The verdict is recorded as a git note on the config commit, where a later
/// <c>Promote --required-soak</c>, on any machine, reads it. Skipped without a kubeconfig and without <c>--verify-url</c>.
/// </summary>
public interface IVerify : IWaitRollout, IConfigRepoParameters
{
    /// <summary>The Service checked.</summary>
    [Parameter("Verify: Service <namespace>/<name>:<port> (port name or number) to check through the Kubernetes API's service proxy; default: the one Service selecting the rolled-out pods")]
    string? VerifyService => TryGetValue(() => VerifyService);

    /// <summary>A URL checked instead.</summary>
    [Parameter("Verify: URL to check instead of the service proxy, e.g. the ALB ingress https://app.example.cn/healthz")]
    string? VerifyUrl => TryGetValue(() => VerifyUrl);

    /// <summary>The path requested through the service proxy.</summary>
    [Parameter("Verify: path (and query) to request through the service proxy, e.g. /healthz or /version")]
    string VerifyPath => TryGetValue(() => VerifyPath) ?? "/healthz";

    /// <summary>The status codes accepted.</summary>
    [Parameter("Verify: accepted status codes, e.g. 200 or 200-299,304; default 200-399, as a Kubernetes httpGet probe")]
    string VerifyStatus => TryGetValue(() => VerifyStatus) ?? "200-399";

    /// <summary>What the body must contain.</summary>
    [Parameter("Verify: what the answer's body must contain: Anything, ImageTag (the tag verified) or SourceCommit (the commit it was built from)")]
    ExpectedBody VerifyBody => TryGetValue(() => VerifyBody) ?? ExpectedBody.Anything;

    /// <summary>How long the app must keep passing.</summary>
    [Parameter("Verify: how long the app must keep passing after its first passing check (checked every --verify-interval; a restart or readiness drop fails it), e.g. 00:10:00; 0 checks once")]
    TimeSpan VerifySoak => TryGetValue(() => VerifySoak) ?? TimeSpan.Zero;

    /// <summary>The time between checks.</summary>
    [Parameter("Verify: time between two checks, e.g. 00:00:10")]
    TimeSpan VerifyInterval => TryGetValue(() => VerifyInterval) ?? TimeSpan.FromSeconds(10);

    /// <summary>The bound on one check.</summary>
    [Parameter("Verify: how long one check may take (connect, answer and body), e.g. 00:00:10")]
    TimeSpan VerifyCheckTimeout => TryGetValue(() => VerifyCheckTimeout) ?? TimeSpan.FromSeconds(10);

    /// <summary>How long the app may fail before its first pass.</summary>
    [Parameter("Verify: how long the app may still fail its checks before the first pass (a load balancer registering targets), e.g. 00:01:00")]
    TimeSpan VerifyGrace => TryGetValue(() => VerifyGrace) ?? TimeSpan.FromMinutes(1);

    /// <summary>Prometheus by URL.</summary>
    [Parameter("Verify: base URL of the Prometheus HTTP API for --verify-prometheus-query, e.g. http://prometheus.monitoring:9090")]
    string? VerifyPrometheusUrl => TryGetValue(() => VerifyPrometheusUrl);

    /// <summary>Prometheus as a Service.</summary>
    [Parameter("Verify: Prometheus Service <namespace>/<name>:<port>, reached through the service proxy, for --verify-prometheus-query")]
    string? VerifyPrometheusService => TryGetValue(() => VerifyPrometheusService);

    /// <summary>The query.</summary>
    [Parameter("Verify: PromQL instant query every check evaluates, e.g. an error rate; each sample must lie within --verify-prometheus-max/-min")]
    string? VerifyPrometheusQuery => TryGetValue(() => VerifyPrometheusQuery);

    /// <summary>The largest value.</summary>
    [Parameter("Verify: the largest value a sample of --verify-prometheus-query may have, e.g. 0.01")]
    string? VerifyPrometheusMax => TryGetValue(() => VerifyPrometheusMax);

    /// <summary>The smallest value.</summary>
    [Parameter("Verify: the smallest value a sample of --verify-prometheus-query may have, e.g. 0.99")]
    string? VerifyPrometheusMin => TryGetValue(() => VerifyPrometheusMin);

    /// <summary>Verifies the environment WaitRollout waited for, records the verdict and the <c>verification</c> output.</summary>
    Target Verify => _ => _
        .Description("Check the deployed app through the service proxy (or --verify-url), let it soak (--verify-soak), and record the verdict in the config repo")
        .TryAfter<IWaitRollout>(x => x.WaitRollout)
        .TryBefore<IPromote>(x => x.Promote)
        .OnlyWhenStatic(() => KubeconfigAvailable || !string.IsNullOrEmpty(VerifyUrl), "a kubeconfig or --verify-url")
        .Executes(ct => ComponentFailures.RunAsync(async () =>
        {
            var image = ResolvePushedImage()
                ?? throw new InvocationException("No image to verify: pass --image-repository and --image-tag, or run PushEcr/PushImage first");
            var expected = new ExpectedImage(image.Repository, image.Tag, string.IsNullOrEmpty(image.Digest) ? null : image.Digest);
            var rollout = Outputs.Get<ObservedRollout>(ObservedRollout.OutputName);
            var workloads = Workload.Length > 0 || rollout is null || rollout.Image != expected.ToString() ? Workload : [.. rollout.Workloads];
            // The commit Flux applied for this image, else the bump's; the note's reader checks it named the image.
            var commit = ConfigCommitSha
                ?? VerifyTargets.AppliedCommit(rollout is not null && rollout.Image == expected.ToString() ? rollout.FluxRevision : null)
                ?? (Outputs.TryGet<ConfigCommit>(ConfigCommit.OutputName, out var bump) && bump is not null && bump.Environment == Environment ? bump.Sha : null);
            var check = new VerifyTargets.Request(Environment ?? "", expected, commit, workloads, VerifyService, VerifyUrl, VerifySoak, image.SourceCommit)
            {
                // An app that fails its checks is a failed deployment, reverted as a failed rollout is; the verdict is recorded first.
                // A check that never reached the app says nothing of the deployment.
                AfterFailure = !AutoRollback ? null : (connection, failure, line) =>
                {
                    if (failure.AppAtFault)
                        return RollBackAfterFailureAsync(connection, $"Verify failed: {line}", [.. workloads.Select(WorkloadReference.Parse)], CommitToApply(), ct);
                    Log.WriteLine("--auto-rollback: nothing reverted: the app was not reached, so this says nothing of the deployment");
                    return Task.CompletedTask;
                },
            };
            await VerifyTargets.RunAsync(this, check, () => KubeconfigAvailable ? OpenCluster() : null, Verification.OutputName, ct).ConfigureAwait(false);
        }));
}
