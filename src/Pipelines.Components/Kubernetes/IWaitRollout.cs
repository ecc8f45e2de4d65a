using Pipelines.Kubernetes;

namespace Pipelines.Components;

/// <summary>
/// WaitRollout: asks Flux to reconcile the bump now, then watches the cluster until the new image runs everywhere it should
/// (done exactly when <c>kubectl rollout status</c> is, and with the new image), failing fast with the pod's reason.
/// </summary>
public interface IWaitRollout : IImageParameters, IKubernetesParameters
{
    /// <summary>Flux Kustomization.</summary>
    [Parameter("Flux Kustomization <namespace>/<name> to reconcile and wait for (e.g. flux-system/apps)")]
    string? FluxKustomization => TryGetValue(() => FluxKustomization);

    /// <summary>Flux GitRepository.</summary>
    [Parameter("Flux GitRepository <namespace>/<name>; defaults to the Kustomization's sourceRef")]
    string? FluxGitRepository => TryGetValue(() => FluxGitRepository);

    /// <summary>Flux HelmRelease.</summary>
    [Parameter("Flux HelmRelease <namespace>/<name> to reconcile and wait for", Name = "flux-helmrelease")]
    string? FluxHelmRelease => TryGetValue(() => FluxHelmRelease);

    /// <summary>Config-repo commit Flux must apply.</summary>
    [Parameter("Config-repo commit Flux must apply; defaults to the config-commit output of BumpConfigRepo")]
    string? ConfigCommitSha => TryGetValue(() => ConfigCommitSha);

    /// <summary>Workloads to watch.</summary>
    [Parameter("Workload to watch, kind/namespace/name with kind deployment, statefulset, daemonset, rollout (Argo Rollouts) or canary (Flagger) (repeatable); default: every workload in --namespace using the image repository")]
    string[] Workload => TryGetValue(() => Workload) ?? [];

    /// <summary>Namespaces to search.</summary>
    [Parameter("Namespace to search for workloads using the image (repeatable); default: the kubeconfig context's namespace")]
    string[] Namespace => TryGetValue(() => Namespace) ?? [];

    /// <summary>Overall timeout.</summary>
    [Parameter("How long to wait for Flux and the rollout, e.g. 00:10:00")]
    TimeSpan Timeout => TryGetValue(() => Timeout) ?? TimeSpan.FromMinutes(10);

    /// <summary>Unschedulable grace period.</summary>
    [Parameter("How long a new pod may stay unschedulable before the wait fails, e.g. 00:02:00")]
    TimeSpan UnschedulableGrace => TryGetValue(() => UnschedulableGrace) ?? TimeSpan.FromMinutes(2);

    /// <summary>Crash-loop threshold.</summary>
    [Parameter("Restarts after which a crash-looping new pod fails the wait")]
    int CrashloopRestarts => TryGetValue(() => CrashloopRestarts) ?? 3;

    /// <summary>How long the API may stay unreachable.</summary>
    [Parameter("How long the Kubernetes API may stay unreachable or answer 429/5xx (retried with backoff) before the wait fails, e.g. 00:00:30")]
    TimeSpan ApiOutageTolerance => TryGetValue(() => ApiOutageTolerance) ?? TimeSpan.FromSeconds(30);

    /// <summary>Roll back on failure.</summary>
    [Parameter("When the wait or Verify fails, run Rollback for the environment and wait for it, then still fail")]
    bool AutoRollback => TryGetValue(() => AutoRollback) ?? false;

    /// <summary>Waits for the rollout and records the <c>rollout</c> output.</summary>
    Target WaitRollout => _ => _
        .Description("Ask Flux to reconcile now and wait until the cluster runs the new image, or say why not")
        .TryAfter<IBumpConfigRepo>(x => x.BumpConfigRepo)
        .Executes(ct => ComponentFailures.RunAsync(async () =>
        {
            var image = ResolvePushedImage()
                ?? throw new InvocationException("No image to wait for: pass --image-repository and --image-tag, or run PushEcr/PushImage first");
            var options = RolloutOptions(new ExpectedImage(image.Repository, image.Tag, string.IsNullOrEmpty(image.Digest) ? null : image.Digest), CommitToApply());
            var connection = OpenCluster();
            try
            {
                var result = await WatchAsync(connection, options, ct).ConfigureAwait(false);
                Outputs.Set(ObservedRollout.OutputName, new ObservedRollout(options.Image.ToString(), result.Flux?.AppliedRevision,
                    result.Workloads.Select(w => w.Workload.ToString()).ToList(), result.Duration.TotalSeconds));
                Note($"{options.Image.Tag ?? options.Image.Digest} running in {result.Workloads.Count} workload(s) after {result.Duration.TotalSeconds:0.#}s"
                    + (result.Flux is { } f ? $" (Flux applied {f.AppliedRevision ?? f.HelmReleaseRevision} after {f.Duration.TotalSeconds:0.#}s)" : "")
                    + SinceBumpCommit(options));
            }
            // An unreachable or refusing API server says nothing of the rollout: only a rollout that failed is reverted.
            catch (RolloutException e) when (AutoRollback && e is not ClusterAccessException)
            {
                await RollBackAfterFailureAsync(connection, $"WaitRollout failed: {ComponentFailures.Translate(e).Message}",
                    [.. e.Workloads.Select(w => w.Workload)], CommitToApply(), ct).ConfigureAwait(false);
                throw;
            }
        }));

    /// <summary>Waits as <paramref name="options"/> say, with progress in the log (and rows on an interactive terminal).</summary>
    async Task<RolloutResult> WatchAsync(ClusterConnection connection, RolloutWaitOptions options, CancellationToken ct)
    {
        Log.WriteLine($"Waiting for {options.Image} on {connection.Host} (context {connection.Context}, {connection.Authentication}), timeout {options.Timeout}");
        using var progress = new RolloutLog(Log, Live);
        return await new RolloutWatcher(connection).WaitAsync(options, progress, ct).ConfigureAwait(false);
    }

    /// <summary>The wait options the parameters describe.</summary>
    RolloutWaitOptions RolloutOptions(ExpectedImage image, string? commit) =>
        RolloutOptions(image, commit, FluxKustomization, FluxGitRepository, FluxHelmRelease);

    /// <summary>The wait options the parameters describe, with these Flux objects (<c>namespace/name</c>, or null).</summary>
    RolloutWaitOptions RolloutOptions(ExpectedImage image, string? commit, string? kustomization, string? gitRepository, string? helmRelease)
    {
        var flux = kustomization is null && helmRelease is null ? null : new FluxWaitOptions(
            kustomization is null ? null : FluxObjectReference.Parse(kustomization, KubernetesInputs.FluxKustomization),
            gitRepository is null ? null : FluxObjectReference.Parse(gitRepository, KubernetesInputs.FluxGitRepository),
            helmRelease is null ? null : FluxObjectReference.Parse(helmRelease, KubernetesInputs.FluxHelmRelease),
            commit);
        var options = new RolloutWaitOptions(image, Workload.Select(WorkloadReference.Parse).ToList(), Namespace)
        {
            Timeout = Timeout,
            UnschedulableGrace = UnschedulableGrace,
            ApiOutageTolerance = ApiOutageTolerance,
            CrashLoopRestarts = CrashloopRestarts,
            Flux = flux,
        };
        // Before the cluster is opened, so a bad name is refused before any plugin runs or any request is sent.
        options.Validate();
        return options;
    }

    /// <summary>The config-repo commit to wait for: the parameter, else BumpConfigRepo's output.</summary>
    string? CommitToApply() =>
        ConfigCommitSha ?? (Outputs.TryGet<ConfigCommit>(ConfigCommit.OutputName, out var c) && c is { Sha.Length: > 0 } ? c.Sha : null);

    /// <summary>"; 42s from bump commit to rollout complete", when this build (or an earlier CI job) pushed the commit awaited.</summary>
    private string SinceBumpCommit(RolloutWaitOptions options) =>
        Outputs.TryGet<ConfigCommit>(ConfigCommit.OutputName, out var commit) && commit is { PushedAt: { } pushedAt }
            && (options.Flux?.Commit is not { } awaited || awaited == commit.Sha)
            ? $"; {(DateTimeOffset.UtcNow - pushedAt).TotalSeconds:0.#}s from bump commit to rollout complete"
            : "";

    /// <summary>
    /// The auto-rollback seam: when this build also has Rollback, revert the bump that was awaited (or, when none was named,
    /// the newest bump of the environment) exactly as the Rollback target reverts, then wait for Flux to apply the revert and
    /// <paramref name="workloads"/> (all that run the image when empty) to settle. Without Rollback, say so; without a
    /// cluster to watch (Verify at a URL, no kubeconfig), say that the revert's rollout is not awaited.
    /// </summary>
    async Task RollBackAfterFailureAsync(ClusterConnection? connection, string failure, IReadOnlyList<WorkloadReference> workloads, string? awaitedCommit,
        CancellationToken ct)
    {
        Log.WriteLine(failure);
        if (this is not IRollback rollback)
        {
            Log.WriteLine("--auto-rollback: this build has no Rollback target (add IRollback to the build class); nothing rolled back.");
            return;
        }
        Log.WriteLine("--auto-rollback: reverting the bump in the config repo");
        var change = await ConfigRepoTargets.Open(rollback).RollbackAsync(rollback.CreateRollbackRequest(revert: awaitedCommit), ct).ConfigureAwait(false);
        ConfigRepoTargets.Report(rollback, change);
        var commit = change.Commit;
        // The image the revert restores: waiting for "any image of the repository" would count the failed pods, which
        // linger until the rollout of the restored image removes them.
        var previous = change.Image is { } restored ? new ExpectedImage(restored.Repository, restored.Tag, restored.Digest) : null;
        if (connection is null)
        {
            Note($"rollback commit {commit} pushed; its rollout is not awaited (no kubeconfig)");
            return;
        }
        var options = RolloutOptions(previous ?? new ExpectedImage(rollback.ImageRepository!), commit) with { Workloads = [.. workloads] };
        try
        {
            var result = await WatchAsync(connection, options, ct).ConfigureAwait(false);
            Note($"rolled back to {options.Image} (commit {commit?[..Math.Min(7, commit.Length)]}) in {result.Duration.TotalSeconds:0.#}s");
        }
        catch (RolloutException e)
        {
            Note($"rollback commit {commit} pushed, but its rollout did not complete: {ComponentFailures.Translate(e).Message}");
        }
    }
}
