using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

/// <summary>
/// The scripted Flagger: one Canary over a target Deployment and its <c>&lt;target&gt;-primary</c> copy. Each call is one step of
/// Flagger's scheduler (<c>pkg/controller/scheduler.go</c>) with the status, Promoted condition and events it writes: a new
/// revision detected and the target scaled up, the weight advanced, failed checks counted, an approval gate, the promotion into
/// the primary, success, or the rollback to Failed with the target scaled to zero. Every status write is checked against the
/// published Canary schema.
/// </summary>
public sealed class CanaryScript
{
    private static readonly ApiResource Canaries = ApiResource.ByKind("Canary");
    private static readonly ApiResource Deployments = ApiResource.ByKind("Deployment");
    private static readonly ApiResource Pods = ApiResource.ByKind("Pod");
    private readonly ObjectStore _store;
    private readonly StandInEvents _events;

    private CanaryScript(KubernetesStandIn standIn, string ns, string name, int replicas, int threshold, DeploymentScript target, DeploymentScript primary)
    {
        (_store, Namespace, Name, Replicas, Threshold, Target, Primary) = (standIn.Store, ns, name, replicas, threshold, target, primary);
        _events = new StandInEvents(standIn.Store, ns, "Canary", Canaries.GroupVersion, "flagger");
    }

    /// <summary>Namespace.</summary>
    public string Namespace { get; }

    /// <summary>The Canary's name (also its target's).</summary>
    public string Name { get; }

    /// <summary>Replicas of the target while it is analysed, and of the primary.</summary>
    public int Replicas { get; }

    /// <summary><c>spec.analysis.threshold</c>.</summary>
    public int Threshold { get; }

    /// <summary>The target Deployment (the one Flux changes; its pods are the canary's).</summary>
    public DeploymentScript Target { get; }

    /// <summary>The primary Deployment, <c>&lt;name&gt;-primary</c>, which serves the promoted revision.</summary>
    public DeploymentScript Primary { get; }

    /// <summary>
    /// Creates the target Deployment with <paramref name="image"/> and the Canary of <c>artifacts/examples/linkerd-canary.yaml</c>
    /// (kubernetes provider), initialized as Flagger leaves it: the primary runs the image, the target is scaled to zero.
    /// </summary>
    public static CanaryScript Create(KubernetesStandIn standIn, string ns, string name, string image, int replicas = 2, int threshold = 5)
    {
        var target = DeploymentScript.Create(standIn, ns, name, image, replicas);
        var primary = DeploymentScript.Create(standIn, ns, name + "-primary", image, replicas);
        standIn.Store.Create(Canaries, ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject
            {
                ["provider"] = "kubernetes", ["progressDeadlineSeconds"] = 600,
                ["targetRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = name },
                ["service"] = new JsonObject { ["name"] = name, ["port"] = 80, ["targetPort"] = 8080, ["portName"] = "http" },
                ["skipAnalysis"] = false,
                ["analysis"] = new JsonObject
                {
                    ["interval"] = "15s", ["threshold"] = threshold, ["maxWeight"] = 50, ["stepWeight"] = 10,
                    ["metrics"] = new JsonArray(
                        new JsonObject { ["name"] = "request-success-rate", ["thresholdRange"] = new JsonObject { ["min"] = 99 }, ["interval"] = "1m" },
                        new JsonObject { ["name"] = "request-duration", ["thresholdRange"] = new JsonObject { ["max"] = 500 }, ["interval"] = "30s" }),
                },
            },
        });
        var script = new CanaryScript(standIn, ns, name, replicas, threshold, target, primary);
        script._events.Record(name, "Normal", "Synced", $"Initialization done! {name}.{ns}");
        script.ScaleTarget(0);
        script.Sync(s =>
        {
            s["phase"] = "Initialized";
            s["failedChecks"] = 0;
            s["canaryWeight"] = 0;
            s["iterations"] = 0;
            s["lastAppliedSpec"] = script.TargetHash();
            s["lastPromotedSpec"] = script.TargetHash();
        }, "True", "Initialized", "Deployment initialization completed.");
        return script;
    }

    /// <summary>Flux applies a commit: the target's template gets <paramref name="image"/> (a new ReplicaSet, still scaled to zero).</summary>
    public void SetImage(string image)
    {
        Target.SetImage(image);
        Target.ObserveGeneration();
        Target.Complete();
    }

    /// <summary>Flagger's next tick sees a new revision: the target is scaled up and the analysis starts (Progressing).</summary>
    public void DetectNewRevision()
    {
        _events.Record(Name, "Normal", "Synced", $"New revision detected! Scaling up {Name}.{Namespace}");
        ScaleTarget(Replicas);
        Sync(s =>
        {
            s["phase"] = "Progressing";
            s["canaryWeight"] = 0;
            s["failedChecks"] = 0;
            s["iterations"] = 0;
            s["lastAppliedSpec"] = TargetHash();
        }, "Unknown", "Progressing", "New revision detected, progressing canary analysis.");
    }

    /// <summary>A check passes: the canary's weight goes up by the step weight.</summary>
    public void Advance(int weight)
    {
        _events.Record(Name, "Normal", "Synced", $"Advance {Name}.{Namespace} canary weight {weight}");
        Status(s => s["canaryWeight"] = weight);
    }

    /// <summary>A metric check fails: one more failed check, with Flagger's "Halt advancement" event.</summary>
    public void FailCheck(string halt)
    {
        _events.Record(Name, "Warning", "Synced", halt);
        Status(s => s["failedChecks"] = (int)(JsonNumber.Of(s["failedChecks"]) ?? 0) + 1);
    }

    /// <summary>The canary waits at a gate: <c>confirm-rollout</c> (Waiting) or, with <paramref name="promotion"/>, <c>confirm-promotion</c>.</summary>
    public void AwaitApproval(bool promotion)
    {
        _events.Record(Name, "Normal", "Synced", promotion ? $"Confirm-promotion check failed for {Name}.{Namespace}" : $"Halt {Name}.{Namespace} advancement waiting for approval confirm-rollout");
        Sync(s => s["phase"] = promotion ? "WaitingPromotion" : "Waiting", "Unknown", promotion ? "WaitingPromotion" : "Waiting", "Waiting for approval.");
    }

    /// <summary>The failed checks reached the threshold (or the progress deadline passed): traffic back to the primary, target scaled to zero, Failed.</summary>
    public void Fail()
    {
        var checks = (int)(JsonNumber.Of(_store.Get(Canaries, Namespace, Name)!["status"]?["failedChecks"]) ?? 0);
        if (checks >= Threshold)
            _events.Record(Name, "Warning", "Synced", $"Rolling back {Name}.{Namespace} failed checks threshold reached {checks}");
        _events.Record(Name, "Warning", "Synced", $"Canary failed! Scaling down {Name}.{Namespace}");
        ScaleTarget(0);
        Sync(s =>
        {
            s["phase"] = "Failed";
            s["canaryWeight"] = 0;
            s["failedChecks"] = 0;
            s["iterations"] = 0;
            s["lastAppliedSpec"] = TargetHash();
        }, "False", "Failed", "Canary analysis failed, Deployment scaled to zero.");
    }

    /// <summary>Flagger's tick on a Failed canary: it records the target's spec; a target back at the promoted spec is not analysed.</summary>
    public void SyncFailed() => Sync(s => s["lastAppliedSpec"] = TargetHash(), null, null, null);

    /// <summary>The analysis passed: the target's template is copied into the primary, which rolls out (Promoting).</summary>
    public void Promote()
    {
        _events.Record(Name, "Normal", "Synced", $"Copying {Name}.{Namespace} template spec to {Name}-primary.{Namespace}");
        Sync(s => s["phase"] = "Promoting", "Unknown", "Promoting", "Canary analysis completed, starting primary rolling update.");
        Primary.SetImage(Target.Image);
        Primary.ObserveGeneration();
        Primary.Complete();
    }

    /// <summary>The primary runs the new revision: traffic goes back to it (Finalising), the target is scaled to zero, Succeeded.</summary>
    public void Succeed()
    {
        Sync(s => s["phase"] = "Finalising", "Unknown", "Finalising", "Canary analysis completed, routing all traffic to primary.");
        ScaleTarget(0);
        _events.Record(Name, "Normal", "Synced", $"Promotion completed! Scaling down {Name}.{Namespace}");
        Sync(s =>
        {
            s["phase"] = "Succeeded";
            s["canaryWeight"] = 0;
            s["iterations"] = 0;
            s["lastPromotedSpec"] = (string?)s["lastAppliedSpec"];
        }, "True", "Succeeded", "Canary analysis completed successfully, promotion finished.");
    }

    /// <summary>The spec hash Flagger keeps in lastAppliedSpec (here of the template's JSON; Flagger hashes the Go struct).</summary>
    public string TargetHash()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var template = _store.Get(Deployments, Namespace, Name)!["spec"]!["template"]!.ToJsonString();
        return new string(SHA256.HashData(Encoding.UTF8.GetBytes(template)).Take(10).Select(b => alphabet[b % alphabet.Length]).ToArray());
    }

    private void ScaleTarget(int replicas)
    {
        _store.Update(Deployments, Namespace, Name, d => d["spec"]!["replicas"] = replicas);
        if (replicas == 0)
            foreach (var pod in _store.List(Pods, Namespace).Items.Where(p => (string?)p["metadata"]!["labels"]?["app"] == Name))
                _store.Delete(Pods, Namespace, (string)pod["metadata"]!["name"]!);
        Target.ObserveGeneration();
        Target.Complete();
    }

    // Flagger's SyncStatus / SetStatusPhase: the fields, lastTransitionTime, and the Promoted condition replaced only when its
    // status or reason changes (its transition time kept while the status stays).
    private void Sync(Action<JsonObject> change, string? conditionStatus, string? reason, string? message) => Status(s =>
    {
        change(s);
        var now = ObjectStore.Timestamp(DateTimeOffset.UtcNow);
        s["lastTransitionTime"] = now;
        if (conditionStatus is null) return;
        var current = (s["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Promoted");
        if (current is not null && (string?)current["status"] == conditionStatus && (string?)current["reason"] == reason) return;
        var transition = current is not null && (string?)current["status"] == conditionStatus ? (string?)current["lastTransitionTime"] : now;
        s["conditions"] = new JsonArray(new JsonObject
        {
            ["type"] = "Promoted", ["status"] = conditionStatus, ["lastUpdateTime"] = now, ["lastTransitionTime"] = transition, ["reason"] = reason, ["message"] = message,
        });
    });

    private void Status(Action<JsonObject> change) =>
        _store.Update(Canaries, Namespace, Name, c =>
        {
            c["status"] ??= new JsonObject();
            change(c["status"]!.AsObject());
        }, statusOnly: true);
}
