using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

/// <summary>
/// The scripted Argo Rollouts controller: each call moves one canary or blue-green Rollout (its ReplicaSets, pods, status and
/// events) to the next state the controller writes — a step's weight, a pause, the preview scaled up, an analysis run that
/// passes or fails and aborts the update, the promotion — with the status fields, condition reasons and messages of
/// <c>argoproj/argo-rollouts</c>. Every status write
/// is checked against the published Rollout schema, so a misspelt field fails the test that wrote it.
/// </summary>
public sealed partial class RolloutScript
{
    private static readonly ApiResource Rollouts = ApiResource.ByKind("Rollout");
    private static readonly ApiResource ReplicaSets = ApiResource.ByKind("ReplicaSet");
    private static readonly ApiResource Pods = ApiResource.ByKind("Pod");
    private const string HashLabel = "rollouts-pod-template-hash";
    private readonly ObjectStore _store;
    private readonly StandInEvents _events;
    private readonly Dictionary<string, string> _images = new(); // pod template hash → image
    private int _revision;

    private RolloutScript(ObjectStore store, string ns, string name, int replicas)
    {
        (_store, Namespace, Name, Replicas) = (store, ns, name, replicas);
        _events = new StandInEvents(store, ns, "Rollout", Rollouts.GroupVersion, "rollouts-controller");
    }

    /// <summary>Namespace.</summary>
    public string Namespace { get; }

    /// <summary>Rollout name.</summary>
    public string Name { get; }

    /// <summary>Desired replicas.</summary>
    public int Replicas { get; }

    /// <summary>The image of the stable ReplicaSet.</summary>
    public string StableImage => _images[StableHash];

    /// <summary>The current step's index in <c>spec.strategy.canary.steps</c>.</summary>
    public int StepIndex { get; private set; }

    /// <summary>The AnalysisRun of the current analysis step, once one ran.</summary>
    public string? AnalysisRun { get; private set; }

    private string StableHash { get; set; } = "";

    private string CurrentHash { get; set; } = "";

    /// <summary>The canary steps of <c>examples/rollout-analysis-step.yaml</c> plus the pauses of <c>examples/rollout-canary.yaml</c>.</summary>
    public static JsonArray DefaultSteps() => new(
        new JsonObject { ["setWeight"] = 20 },
        new JsonObject { ["pause"] = new JsonObject { ["duration"] = "30s" } },
        new JsonObject { ["setWeight"] = 40 },
        new JsonObject { ["analysis"] = new JsonObject { ["templates"] = new JsonArray(new JsonObject { ["templateName"] = "success-rate" }) } },
        new JsonObject { ["pause"] = new JsonObject() },
        new JsonObject { ["setWeight"] = 80 });

    /// <summary>Creates the Rollout fully promoted with <paramref name="image"/> (stable ReplicaSet and ready pods included).</summary>
    public static RolloutScript Create(KubernetesStandIn standIn, string ns, string name, string image, int replicas = 5, JsonArray? steps = null) =>
        CreateWith(standIn, ns, name, image, replicas, new JsonObject { ["canary"] = new JsonObject { ["steps"] = steps ?? DefaultSteps() } });

    // A Rollout with this strategy, fully promoted with the image.
    private static RolloutScript CreateWith(KubernetesStandIn standIn, string ns, string name, string image, int replicas, JsonObject strategy)
    {
        standIn.EnsureNamespace(ns);
        standIn.Store.Create(Rollouts, ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = name } },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas, ["revisionHistoryLimit"] = 2, ["progressDeadlineSeconds"] = 600,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = WorkloadManifests.Template(name, image),
                ["strategy"] = strategy,
            },
        });
        var script = new RolloutScript(standIn.Store, ns, name, replicas);
        script.ObserveGeneration();
        script.Promote();
        return script;
    }

    /// <summary>Changes the pod template's image, as Flux applying a commit does.</summary>
    public void SetImage(string image) =>
        _store.Update(Rollouts, Namespace, Name, r => r["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image);

    /// <summary>
    /// The controller observes the spec: a template that is the stable one again (a rollback) is fully promoted at once, as Argo
    /// Rollouts does when the desired ReplicaSet is the stable one; a new template starts a canary update at step 0.
    /// </summary>
    public void ObserveGeneration()
    {
        var rollout = _store.Get(Rollouts, Namespace, Name)!;
        var image = (string)rollout["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!;
        var hash = PodTemplateHash(image);
        _images[hash] = image;
        CurrentHash = hash;
        if (hash == StableHash)
        {
            RemovePods(p => (string?)p["metadata"]!["labels"]?[HashLabel] != StableHash);
            Status(s =>
            {
                Counts(s, 0);
                s["currentPodHash"] = hash;
                StrategyStatus(s, promoted: true);
                if (!IsBlueGreen) s["canary"] = new JsonObject();
                s.Remove("abort");
                s.Remove("abortedAt");
                s.Remove("pauseConditions");
                s["controllerPause"] = false;
                s["phase"] = "Healthy";
                s["message"] = "";
                SetCondition(s, "Progressing", "True", "NewReplicaSetAvailable", $"Rollout \"{Name}\" has successfully progressed.");
                SetCondition(s, "Healthy", "True", "RolloutHealthy", "Rollout is healthy");
            });
            return;
        }
        _revision++;
        EnsureReplicaSet(hash, image);
        StepIndex = 0;
        AnalysisRun = null;
        _events.Record(Name, "Normal", "RolloutUpdated", $"Rollout updated to revision {_revision}");
        Status(s =>
        {
            s["currentPodHash"] = hash;
            StrategyStatus(s, promoted: false);
            if (!IsBlueGreen) s["canary"] = new JsonObject();
            s.Remove("abort");
            s.Remove("abortedAt");
            s.Remove("pauseConditions");
            s["controllerPause"] = false;
            Counts(s, 0);
            s["phase"] = "Progressing";
            s["message"] = "more replicas need to be updated";
            SetCondition(s, "Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{Name}-{hash}\" is progressing.");
            SetCondition(s, "Completed", "False", "RolloutNotCompleted", $"Rollout not completed, started update to revision {_revision} ({hash})");
            SetCondition(s, "Healthy", "False", "RolloutHealthy", "Rollout is not healthy");
        });
    }

    /// <summary>Runs a <c>setWeight</c> step: the canary ReplicaSet gets that share of the replicas (ready), then the next step begins.</summary>
    public void SetWeight()
    {
        var weight = (int)JsonNumber.Of(Steps[StepIndex]!["setWeight"] ?? throw new InvalidOperationException($"step {StepIndex} is not a setWeight step"))!.Value;
        var canary = Math.Min(Replicas, (int)Math.Ceiling(Replicas * weight / 100.0));
        ScaleCanary(canary);
        _events.Record(Name, "Normal", "RolloutStepCompleted", $"Rollout step {StepIndex + 1}/{Steps.Count} completed (setWeight: {weight})");
        StepIndex++;
        Status(s =>
        {
            Counts(s, canary);
            s["currentStepIndex"] = StepIndex;
            s["phase"] = "Progressing";
            s["message"] = "more replicas need to be updated";
        });
    }

    /// <summary>Reaches a <c>pause</c> step: Paused with a CanaryPauseStep condition started now.</summary>
    public void Pause()
    {
        _ = Steps[StepIndex]!["pause"] ?? throw new InvalidOperationException($"step {StepIndex} is not a pause step");
        PauseFor("CanaryPauseStep");
    }

    // The controller pauses the update for <paramref name="reason"/>, from now on.
    private void PauseFor(string reason)
    {
        _events.Record(Name, "Normal", "RolloutPaused", $"Rollout is paused ({reason})");
        Status(s =>
        {
            s["pauseConditions"] = new JsonArray(new JsonObject { ["reason"] = reason, ["startTime"] = ObjectStore.Timestamp(DateTimeOffset.UtcNow) });
            s["controllerPause"] = true;
            s["phase"] = "Paused";
            s["message"] = reason;
            SetCondition(s, "Paused", "True", "RolloutPaused", "Rollout is paused");
        });
    }

    /// <summary>The pause ends (its duration passed, or <c>kubectl argo rollouts promote</c>): the next step begins.</summary>
    public void Resume()
    {
        _events.Record(Name, "Normal", "RolloutResumed", "Rollout is resumed");
        StepIndex++;
        Status(s =>
        {
            s.Remove("pauseConditions");
            s["controllerPause"] = false;
            s["currentStepIndex"] = StepIndex;
            s["phase"] = "Progressing";
            s["message"] = "more replicas need to be updated";
            SetCondition(s, "Paused", "False", "RolloutResumed", "Rollout is resumed");
        });
    }

    /// <summary>Reaches an <c>analysis</c> step: its AnalysisRun is created and running.</summary>
    public void StartAnalysis()
    {
        _ = Steps[StepIndex]!["analysis"] ?? throw new InvalidOperationException($"step {StepIndex} is not an analysis step");
        AnalysisRun = $"{Name}-{CurrentHash}-{_revision}-{StepIndex}";
        _events.Record(Name, "Normal", "AnalysisRunRunning", $"Step Analysis Run '{AnalysisRun}' Status New: 'Running' Previous: ''");
        Status(s => s["canary"] = new JsonObject { ["currentStepAnalysisRunStatus"] = new JsonObject { ["name"] = AnalysisRun, ["status"] = "Running" } });
    }

    /// <summary>The analysis run passes: the next step begins.</summary>
    public void AnalysisSucceeded()
    {
        StepIndex++;
        Status(s =>
        {
            s["canary"] = new JsonObject { ["currentStepAnalysisRunStatus"] = new JsonObject { ["name"] = AnalysisRun, ["status"] = "Successful" } };
            s["currentStepIndex"] = StepIndex;
        });
    }

    /// <summary>
    /// The analysis run fails with <paramref name="message"/> (e.g. <c>Metric "success-rate" assessed Failed due to failed (3) &gt;
    /// failureLimit (2)</c>): the controller aborts the update — canary scaled to zero, Degraded, and the abort condition.
    /// </summary>
    public void AnalysisFailed(string message, string status = "Failed")
    {
        var reason = "Step-based analysis phase error/failed: " + message;
        Status(s => s["canary"] = new JsonObject { ["currentStepAnalysisRunStatus"] = new JsonObject { ["name"] = AnalysisRun, ["status"] = status, ["message"] = message } });
        Abort(reason);
    }

    /// <summary>The update is aborted (<c>kubectl argo rollouts abort</c>, or a failed analysis with <paramref name="reason"/>).</summary>
    public void Abort(string? reason = null)
    {
        var message = $"Rollout aborted update to revision {_revision}" + (reason is null ? "" : ": " + reason);
        ScaleCanary(0);
        _events.Record(Name, "Warning", "RolloutAborted", message);
        Status(s =>
        {
            Counts(s, 0);
            s["abort"] = true;
            s["abortedAt"] = ObjectStore.Timestamp(DateTimeOffset.UtcNow);
            s.Remove("pauseConditions");
            s["controllerPause"] = false;
            s["phase"] = "Degraded";
            s["message"] = "RolloutAborted: " + message;
            SetCondition(s, "Progressing", "False", "RolloutAborted", message);
        });
    }

    /// <summary>The update made no progress within <c>progressDeadlineSeconds</c>.</summary>
    public void ProgressDeadlineExceeded()
    {
        var message = $"ReplicaSet \"{Name}-{CurrentHash}\" has timed out progressing.";
        Status(s =>
        {
            s["phase"] = "Degraded";
            s["message"] = "ProgressDeadlineExceeded: " + message;
            SetCondition(s, "Progressing", "False", "ProgressDeadlineExceeded", message);
        });
    }

    /// <summary>Every step is done: the canary ReplicaSet becomes stable with every replica, the old one is scaled down; Healthy.</summary>
    public void Promote()
    {
        var image = _images[CurrentHash];
        EnsureReplicaSet(CurrentHash, image);
        StableHash = CurrentHash;
        RemovePods(p => (string?)p["metadata"]!["labels"]?[HashLabel] != StableHash);
        for (var i = 0; i < Replicas; i++)
            if (_store.Get(Pods, Namespace, PodName(StableHash, i)) is null) _store.Create(Pods, Namespace, Pod(StableHash, i));
        var blueGreen = IsBlueGreen;
        StepIndex = blueGreen ? 0 : Steps.Count;
        if (_revision > 0)
            _events.Record(Name, "Normal", "RolloutCompleted", $"Rollout completed update to revision {_revision} ({StableHash}): "
                + (blueGreen ? "Completed blue-green update" : $"Completed all {Steps.Count} canary steps"));
        Status(s =>
        {
            s["observedGeneration"] = ((long)JsonNumber.Of(_store.Get(Rollouts, Namespace, Name)!["metadata"]!["generation"])!).ToString(System.Globalization.CultureInfo.InvariantCulture);
            s["stableRS"] = StableHash;
            s["currentPodHash"] = StableHash;
            StrategyStatus(s, promoted: true);
            s.Remove("pauseConditions");
            s["controllerPause"] = false;
            s["replicas"] = Replicas;
            s["updatedReplicas"] = Replicas;
            s["readyReplicas"] = Replicas;
            s["availableReplicas"] = Replicas;
            s["HPAReplicas"] = Replicas;
            s["selector"] = $"app={Name}";
            s["phase"] = "Healthy";
            s["message"] = "";
            SetCondition(s, "Available", "True", "AvailableReason", "Rollout has minimum availability");
            SetCondition(s, "Progressing", "True", "NewReplicaSetAvailable", $"Rollout \"{Name}\" has successfully progressed.");
            SetCondition(s, "Completed", "True", "RolloutCompleted", "Rollout completed update to revision " + _revision);
            SetCondition(s, "Healthy", "True", "RolloutHealthy", "Rollout is healthy");
        });
    }

    /// <summary>The canary's pods cannot pull their image (ErrImagePull, then ImagePullBackOff).</summary>
    public void CanaryImagePullBackOff()
    {
        foreach (var pod in PodNames(CurrentHash))
            _store.Update(Pods, Namespace, pod, p =>
            {
                var c = p["status"]!["containerStatuses"]![0]!.AsObject();
                c["ready"] = false;
                c["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ImagePullBackOff", ["message"] = $"Back-off pulling image \"{_images[CurrentHash]}\"" } };
                p["status"]!["phase"] = "Pending";
            }, statusOnly: true);
    }

    private JsonArray Steps => (JsonArray)_store.Get(Rollouts, Namespace, Name)!["spec"]!["strategy"]!["canary"]!["steps"]!;

    // The strategy's own status at the start of an update or once promoted: a canary's step, a blue-green update's selectors.
    private void StrategyStatus(JsonObject s, bool promoted)
    {
        if (IsBlueGreen)
        {
            s["blueGreen"] = promoted ? new JsonObject { ["activeSelector"] = CurrentHash, ["previewSelector"] = CurrentHash } : new JsonObject { ["activeSelector"] = StableHash };
            return;
        }
        s["currentStepIndex"] = promoted ? Steps.Count : 0;
        s["currentStepHash"] = PodTemplateHash(Steps.ToJsonString());
    }

    private void Counts(JsonObject s, int canary)
    {
        // The stable ReplicaSet keeps every replica during the update (as with traffic routing); the canary adds its own.
        var total = StableHash == CurrentHash ? Replicas : Replicas + canary;
        s["replicas"] = total;
        s["updatedReplicas"] = StableHash == CurrentHash ? Replicas : canary;
        s["readyReplicas"] = total;
        s["availableReplicas"] = total;
        s["HPAReplicas"] = total;
        s["selector"] = $"app={Name}";
        s["observedGeneration"] = ((long)JsonNumber.Of(_store.Get(Rollouts, Namespace, Name)!["metadata"]!["generation"])!).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private void ScaleCanary(int count)
    {
        var existing = PodNames(CurrentHash);
        foreach (var pod in existing.Skip(count)) _store.Delete(Pods, Namespace, pod);
        for (var i = 0; i < count; i++)
            if (_store.Get(Pods, Namespace, PodName(CurrentHash, i)) is null) _store.Create(Pods, Namespace, Pod(CurrentHash, i));
        _store.Update(ReplicaSets, Namespace, $"{Name}-{CurrentHash}", r =>
        {
            r["spec"]!["replicas"] = count;
            r["status"] = new JsonObject { ["replicas"] = count, ["readyReplicas"] = count, ["availableReplicas"] = count, ["observedGeneration"] = 1 };
        });
    }

    private void EnsureReplicaSet(string hash, string image)
    {
        var name = $"{Name}-{hash}";
        if (_store.Get(ReplicaSets, Namespace, name) is not null) return;
        var template = WorkloadManifests.Template(Name, image);
        template["metadata"]!["labels"]![HashLabel] = hash;
        var rollout = _store.Get(Rollouts, Namespace, Name)!;
        _store.Create(ReplicaSets, Namespace, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = new JsonObject { ["app"] = Name, [HashLabel] = hash },
                ["annotations"] = new JsonObject { ["rollout.argoproj.io/revision"] = _revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["ownerReferences"] = Owner("argoproj.io/v1alpha1", "Rollout", Name, (string)rollout["metadata"]!["uid"]!),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = Name, [HashLabel] = hash } },
                ["template"] = template,
            },
            ["status"] = new JsonObject { ["replicas"] = 0 },
        });
    }

    private JsonObject Pod(string hash, int i)
    {
        var rs = _store.Get(ReplicaSets, Namespace, $"{Name}-{hash}")!;
        var template = rs["spec"]!["template"]!;
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = PodName(hash, i),
                ["labels"] = template["metadata"]!["labels"]!.DeepClone(),
                ["ownerReferences"] = Owner("apps/v1", "ReplicaSet", $"{Name}-{hash}", (string)rs["metadata"]!["uid"]!),
            },
            ["spec"] = template["spec"]!.DeepClone(),
            ["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["containerStatuses"] = new JsonArray(new JsonObject
                {
                    ["name"] = "app", ["image"] = _images[hash], ["ready"] = true, ["started"] = true, ["restartCount"] = 0,
                    ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = ObjectStore.Timestamp(DateTimeOffset.UtcNow) } },
                }),
            },
        };
    }

    private string PodName(string hash, int i) => $"{Name}-{hash}-{(char)('a' + i)}{hash[..4]}";

    private List<string> PodNames(string hash) =>
        _store.List(Pods, Namespace).Items
            .Where(p => (string?)p["metadata"]!["labels"]?["app"] == Name && (string?)p["metadata"]!["labels"]?[HashLabel] == hash)
            .Select(p => (string)p["metadata"]!["name"]!).ToList();

    private void RemovePods(Func<JsonObject, bool> match)
    {
        foreach (var pod in _store.List(Pods, Namespace).Items.Where(p => (string?)p["metadata"]!["labels"]?["app"] == Name && match(p)))
            _store.Delete(Pods, Namespace, (string)pod["metadata"]!["name"]!);
        foreach (var rs in _store.List(ReplicaSets, Namespace).Items.Where(r => (string?)r["metadata"]!["labels"]?["app"] == Name
                     && (string?)r["metadata"]!["labels"]?[HashLabel] is { } h && h != StableHash && h != CurrentHash))
            _store.Update(ReplicaSets, Namespace, (string)rs["metadata"]!["name"]!, r => { r["spec"]!["replicas"] = 0; r["status"] = new JsonObject { ["replicas"] = 0 }; });
    }

    private void Status(Action<JsonObject> change) =>
        _store.Update(Rollouts, Namespace, Name, r =>
        {
            r["status"] ??= new JsonObject();
            change(r["status"]!.AsObject());
        }, statusOnly: true);

    // The controller's pod-template-hash: short, from the template, in the safe alphabet of rand.SafeEncodeString.
    private static string PodTemplateHash(string text)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new string(bytes.Take(10).Select(b => alphabet[b % alphabet.Length]).ToArray());
    }

    private static JsonArray Owner(string apiVersion, string kind, string name, string uid) => new(new JsonObject
    {
        ["apiVersion"] = apiVersion, ["kind"] = kind, ["name"] = name, ["uid"] = uid, ["controller"] = true, ["blockOwnerDeletion"] = true,
    });

    private static void SetCondition(JsonObject status, string type, string value, string reason, string message)
    {
        var conditions = status["conditions"] as JsonArray ?? new JsonArray();
        status["conditions"] = conditions;
        var now = ObjectStore.Timestamp(DateTimeOffset.UtcNow);
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
        if (existing is null)
        {
            conditions.Add(new JsonObject { ["type"] = type, ["status"] = value, ["reason"] = reason, ["message"] = message, ["lastUpdateTime"] = now, ["lastTransitionTime"] = now });
            return;
        }
        if ((string?)existing["status"] != value) existing["lastTransitionTime"] = now;
        existing["status"] = value;
        existing["reason"] = reason;
        existing["message"] = message;
        existing["lastUpdateTime"] = now;
    }
}
