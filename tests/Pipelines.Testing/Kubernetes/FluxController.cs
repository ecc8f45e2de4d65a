using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

/// <summary>
/// A scripted Flux: when <c>reconcile.fluxcd.io/requestedAt</c> changes on a GitRepository it "fetches" <see cref="HeadCommit"/>;
/// when the artifact changes or a Kustomization is asked to reconcile, the Kustomization "applies" the artifact
/// (status fields as source- and kustomize-controller write them) and <see cref="Applying"/> runs so a test can roll workloads.
/// </summary>
public sealed class FluxController : IDisposable
{
    private const string RequestedAt = "reconcile.fluxcd.io/requestedAt";
    private static readonly ApiResource GitRepositories = ApiResource.ByKind("GitRepository");
    private static readonly ApiResource Kustomizations = ApiResource.ByKind("Kustomization");
    private readonly KubernetesStandIn _standIn;
    private readonly SemaphoreSlim _serial = new(1, 1);

    /// <summary>Starts reacting to changes in <paramref name="standIn"/>.</summary>
    public FluxController(KubernetesStandIn standIn)
    {
        _standIn = standIn;
        _standIn.Store.Changed += OnChanged;
    }

    /// <summary>The commit the config repo's branch points at.</summary>
    public string HeadCommit { get; set; } = new('0', 40);

    /// <summary>Branch name used in revisions.</summary>
    public string Branch { get; set; } = "main";

    /// <summary>Write revisions in the pre-2.1 form <c>main/&lt;sha&gt;</c> instead of <c>main@sha1:&lt;sha&gt;</c>.</summary>
    public bool LegacyRevisions { get; set; }

    /// <summary>When set, applying fails with Ready=False and this message (as a kustomize build error does).</summary>
    public string? ApplyFailure { get; set; }

    /// <summary>Runs (on the controller's thread) when a Kustomization applies a commit, before its status says so.</summary>
    public Action<string>? Applying { get; set; }

    /// <summary>Creates a GitRepository and a Kustomization on it, both reconciled at <paramref name="commit"/>.</summary>
    public void Install(string ns, string name, string commit)
    {
        HeadCommit = commit;
        _standIn.EnsureNamespace(ns);
        _standIn.Store.Create(GitRepositories, ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["url"] = "ssh://git@example.com/config.git", ["interval"] = "1m", ["ref"] = new JsonObject { ["branch"] = Branch } },
        });
        _standIn.Store.Create(Kustomizations, ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["interval"] = "10m", ["path"] = "./clusters/prod", ["prune"] = true,
                ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = name },
            },
        });
        Fetch(ns, name, handled: null);
        Apply(ns, name, handled: null);
    }

    /// <summary>A new commit lands on the branch and Flux's interval picks it up (fetch, then apply).</summary>
    public async Task PushAsync(string ns, string name, string commit)
    {
        await _serial.WaitAsync();
        try
        {
            HeadCommit = commit;
            Fetch(ns, name, handled: null);
            Apply(ns, name, handled: null);
        }
        finally { _serial.Release(); }
    }

    /// <summary>The revision string for <paramref name="commit"/>.</summary>
    public string Revision(string commit) => LegacyRevisions ? $"{Branch}/{commit}" : $"{Branch}@sha1:{commit}";

    /// <summary>Stops reacting.</summary>
    public void Dispose() => _standIn.Store.Changed -= OnChanged;

    private void OnChanged(StoreEvent ev)
    {
        if (ev.Type == "DELETED" || (ev.Resource != GitRepositories && ev.Resource != Kustomizations)) return;
        var requested = (string?)ev.Object["metadata"]?["annotations"]?[RequestedAt];
        var handled = (string?)ev.Object["status"]?["lastHandledReconcileAt"];
        if (requested is null || requested == handled) return;
        // Off the writer's thread, one reconcile at a time, as a controller's work queue does.
        _ = Task.Run(async () =>
        {
            await _serial.WaitAsync();
            try
            {
                if (ev.Resource == GitRepositories)
                {
                    var before = Artifact(ev.Namespace!, ev.Name);
                    Fetch(ev.Namespace!, ev.Name, requested);
                    if (before != Artifact(ev.Namespace!, ev.Name))
                        foreach (var ks in _standIn.Store.List(Kustomizations, ev.Namespace).Items.Where(k => (string?)k["spec"]?["sourceRef"]?["name"] == ev.Name))
                            Apply(ev.Namespace!, (string)ks["metadata"]!["name"]!, handled: null);
                }
                else
                    Apply(ev.Namespace!, ev.Name, requested);
            }
            finally { _serial.Release(); }
        });
    }

    private string? Artifact(string ns, string name) => (string?)_standIn.Store.Get(GitRepositories, ns, name)?["status"]?["artifact"]?["revision"];

    private void Fetch(string ns, string name, string? handled)
    {
        var revision = Revision(HeadCommit);
        _standIn.Store.Update(GitRepositories, ns, name, g =>
        {
            var s = g["status"] as JsonObject ?? new JsonObject();
            g["status"] = s;
            s["observedGeneration"] = g["metadata"]!["generation"]!.DeepClone();
            s["artifact"] = new JsonObject { ["revision"] = revision, ["digest"] = "sha256:" + HeadCommit[..8], ["lastUpdateTime"] = ObjectStore.Timestamp(DateTimeOffset.UtcNow) };
            if (handled is not null) s["lastHandledReconcileAt"] = handled;
            s["conditions"] = Ready("True", "Succeeded", $"stored artifact for revision '{revision}'");
        }, statusOnly: true);
    }

    private void Apply(string ns, string name, string? handled)
    {
        var ks = _standIn.Store.Get(Kustomizations, ns, name)!;
        var source = (string)ks["spec"]!["sourceRef"]!["name"]!;
        var revision = Artifact(ns, source);
        if (revision is null) return;
        var commit = revision[(Math.Max(revision.LastIndexOf(':'), revision.LastIndexOf('/')) + 1)..];
        var failure = ApplyFailure;
        if (failure is null) Applying?.Invoke(commit);
        _standIn.Store.Update(Kustomizations, ns, name, k =>
        {
            var s = k["status"] as JsonObject ?? new JsonObject();
            k["status"] = s;
            s["observedGeneration"] = k["metadata"]!["generation"]!.DeepClone();
            s["lastAttemptedRevision"] = revision;
            if (handled is not null) s["lastHandledReconcileAt"] = handled;
            if (failure is null)
            {
                s["lastAppliedRevision"] = revision;
                s["conditions"] = Ready("True", "ReconciliationSucceeded", $"Applied revision: {revision}");
            }
            else
                s["conditions"] = Ready("False", "BuildFailed", failure);
        }, statusOnly: true);
    }

    private static JsonArray Ready(string status, string reason, string message) => new(new JsonObject
    {
        ["type"] = "Ready", ["status"] = status, ["reason"] = reason, ["message"] = message,
        ["lastTransitionTime"] = ObjectStore.Timestamp(DateTimeOffset.UtcNow), ["observedGeneration"] = 1,
    });
}
