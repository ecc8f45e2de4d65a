using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

/// <summary>
/// The scripted deployment controller: each call moves one Deployment (its ReplicaSets, pods and events) to the next state
/// a real controller and kubelet would produce, so tests sequence a rollout step by step instead of sleeping.
/// </summary>
public sealed class DeploymentScript
{
    private static readonly ApiResource Deployments = ApiResource.ByKind("Deployment");
    private static readonly ApiResource ReplicaSets = ApiResource.ByKind("ReplicaSet");
    private static readonly ApiResource Pods = ApiResource.ByKind("Pod");
    private static readonly ApiResource Events = ApiResource.ByKind("Event");
    private readonly ObjectStore _store;
    private int _revision;
    private int _eventCount;

    private DeploymentScript(ObjectStore store, string ns, string name) => (_store, Namespace, Name) = (store, ns, name);

    /// <summary>Namespace.</summary>
    public string Namespace { get; }

    /// <summary>Deployment name.</summary>
    public string Name { get; }

    /// <summary>Creates the Deployment already fully rolled out with <paramref name="image"/> (ReplicaSet and ready pods included).</summary>
    public static DeploymentScript Create(KubernetesStandIn standIn, string ns, string name, string image, int replicas = 3, int progressDeadlineSeconds = 600)
    {
        standIn.EnsureNamespace(ns);
        standIn.Store.Create(Deployments, ns, WorkloadManifests.Deployment(name, image, replicas, progressDeadlineSeconds));
        var script = new DeploymentScript(standIn.Store, ns, name);
        script.SetImage(image, created: true);
        script.ObserveGeneration();
        script.Complete();
        return script;
    }

    /// <summary>Changes the pod template's image (as Flux applying a commit does) and creates the new ReplicaSet, or reuses the
    /// ReplicaSet of an earlier rollout of that image.</summary>
    public void SetImage(string image) => SetImage(image, created: false);

    /// <summary>The controller observes the new generation: Progressing=True/ReplicaSetUpdated, nothing updated yet.</summary>
    public void ObserveGeneration() => Status(d =>
    {
        var s = d["status"]!.AsObject();
        s["observedGeneration"] = d["metadata"]!["generation"]!.DeepClone();
        s["updatedReplicas"] = 0;
        SetCondition(s, "Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{NewReplicaSetName}\" is progressing.");
    });

    /// <summary>Creates <paramref name="count"/> pods of the new ReplicaSet that are pulling their image.</summary>
    public void PodsPulling(int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            var pod = NewPod(i);
            _store.Create(Pods, Namespace, pod);
            Event(PodName(i), "Normal", "Scheduled", $"Successfully assigned {Namespace}/{PodName(i)} to node-1");
            Event(PodName(i), "Normal", "Pulling", $"Pulling image \"{Image}\"");
        }
        Status(d => d["status"]!["updatedReplicas"] = count);
        SetNewPods(c => c["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } });
    }

    /// <summary>The new pods cannot pull their image: ErrImagePull, then ImagePullBackOff, with the kubelet's events.</summary>
    public void ImagePullBackOff()
    {
        foreach (var pod in NewPodNames())
        {
            Event(pod, "Warning", "Failed", $"Failed to pull image \"{Image}\": rpc error: code = NotFound desc = failed to pull and unpack image \"{Image}\": not found");
            Event(pod, "Warning", "Failed", "Error: ErrImagePull");
            Event(pod, "Normal", "BackOff", $"Back-off pulling image \"{Image}\"");
        }
        SetNewPods(c => c["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ImagePullBackOff", ["message"] = $"Back-off pulling image \"{Image}\"" } });
    }

    /// <summary>The new pods' container exits and restarts: CrashLoopBackOff with <paramref name="restarts"/> restarts.</summary>
    public void CrashLoop(int restarts)
    {
        foreach (var pod in NewPodNames())
            Event(pod, "Warning", "BackOff", "Back-off restarting failed container app in pod " + pod);
        SetNewPods(c =>
        {
            c["restartCount"] = restarts;
            c["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = $"back-off 40s restarting failed container=app pod={c["podName"]}" } };
            c["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 1, ["reason"] = "Error" } };
        });
    }

    /// <summary>The new pods cannot be created: a referenced secret or config map is missing.</summary>
    public void CreateContainerConfigError()
    {
        foreach (var pod in NewPodNames())
            Event(pod, "Warning", "Failed", "Error: secret \"app-secrets\" not found");
        SetNewPods(c => c["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CreateContainerConfigError", ["message"] = "secret \"app-secrets\" not found" } });
    }

    /// <summary>The new pods cannot be scheduled (PodScheduled=False/Unschedulable).</summary>
    public void Unschedulable()
    {
        const string message = "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.";
        foreach (var pod in NewPodNames())
        {
            Event(pod, "Warning", "FailedScheduling", message);
            _store.Update(Pods, Namespace, pod, p =>
            {
                p["status"]!["phase"] = "Pending";
                p["status"]!["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "PodScheduled", ["status"] = "False", ["reason"] = "Unschedulable", ["message"] = message,
                    ["lastTransitionTime"] = ObjectStore.Timestamp(DateTimeOffset.UtcNow),
                });
            }, statusOnly: true);
        }
    }

    /// <summary>Part of the rollout is done: <paramref name="updated"/> new replicas, <paramref name="available"/> of them available.</summary>
    public void Progress(int updated, int available) => Status(d =>
    {
        var s = d["status"]!.AsObject();
        var desired = (int)JsonNumber.Of(d["spec"]!["replicas"])!.Value;
        s["updatedReplicas"] = updated;
        s["replicas"] = Math.Max(desired, updated + (desired - Math.Min(desired, available)));
        s["readyReplicas"] = available;
        s["availableReplicas"] = available;
    });

    /// <summary>The rollout completes: every replica updated and available, the old ReplicaSet scaled to zero and its pods gone.</summary>
    public void Complete()
    {
        var desired = (int)JsonNumber.Of(_store.Get(Deployments, Namespace, Name)!["spec"]!["replicas"])!.Value;
        foreach (var rs in _store.List(ReplicaSets, Namespace).Items.Where(r => (string)r["metadata"]!["name"]! != NewReplicaSetName))
            _store.Update(ReplicaSets, Namespace, (string)rs["metadata"]!["name"]!, r => { r["spec"]!["replicas"] = 0; r["status"] = new JsonObject { ["replicas"] = 0, ["observedGeneration"] = 1 }; });
        foreach (var pod in _store.List(Pods, Namespace).Items.Where(p => (string?)p["metadata"]!["labels"]?["app"] == Name && (string?)p["metadata"]!["labels"]?["pod-template-hash"] != Hash))
            _store.Delete(Pods, Namespace, (string)pod["metadata"]!["name"]!);
        for (var i = 0; i < desired; i++)
            if (_store.Get(Pods, Namespace, PodName(i)) is null) _store.Create(Pods, Namespace, NewPod(i));
        SetNewPods(c =>
        {
            c["ready"] = true;
            c["started"] = true;
            c["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = ObjectStore.Timestamp(DateTimeOffset.UtcNow) } };
        }, phase: "Running");
        _store.Update(ReplicaSets, Namespace, NewReplicaSetName, r =>
        {
            r["spec"]!["replicas"] = desired;
            r["status"] = new JsonObject { ["replicas"] = desired, ["readyReplicas"] = desired, ["availableReplicas"] = desired, ["observedGeneration"] = 1 };
        });
        Status(d =>
        {
            var s = d["status"]!.AsObject();
            s["observedGeneration"] = d["metadata"]!["generation"]!.DeepClone();
            s["replicas"] = desired;
            s["updatedReplicas"] = desired;
            s["readyReplicas"] = desired;
            s["availableReplicas"] = desired;
            s.Remove("unavailableReplicas");
            SetCondition(s, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.");
            SetCondition(s, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{NewReplicaSetName}\" has successfully progressed.");
        });
    }

    /// <summary>The progress deadline passes: Progressing=False/ProgressDeadlineExceeded.</summary>
    public void ProgressDeadlineExceeded() => Status(d =>
        SetCondition(d["status"]!.AsObject(), "Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{NewReplicaSetName}\" has timed out progressing."));

    /// <summary>The image of the newest ReplicaSet.</summary>
    public string Image { get; private set; } = "";

    /// <summary>The newest ReplicaSet's name.</summary>
    public string NewReplicaSetName => $"{Name}-{Hash}";

    private string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Image)))[..10];

    private string PodName(int i) => $"{NewReplicaSetName}-{(char)('a' + i)}{Hash[..4]}";

    private void SetImage(string image, bool created)
    {
        Image = image;
        _revision++;
        if (!created)
            _store.Update(Deployments, Namespace, Name, d => d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image);
        var deployment = _store.Get(Deployments, Namespace, Name)!;
        if (_store.Get(ReplicaSets, Namespace, NewReplicaSetName) is not null)
        {
            // A return to an earlier template (a rollback) reuses its ReplicaSet under a new revision, as the controller does.
            _store.Update(ReplicaSets, Namespace, NewReplicaSetName, r => r["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"] = _revision.ToString());
            _store.Update(Deployments, Namespace, Name, d => d["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"] = _revision.ToString());
            return;
        }
        var template = (JsonObject)deployment["spec"]!["template"]!.DeepClone();
        template["metadata"]!["labels"]!["pod-template-hash"] = Hash;
        var selector = (JsonObject)deployment["spec"]!["selector"]!.DeepClone();
        selector["matchLabels"]!["pod-template-hash"] = Hash;
        _store.Create(ReplicaSets, Namespace, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = NewReplicaSetName,
                ["labels"] = new JsonObject { ["app"] = Name, ["pod-template-hash"] = Hash },
                ["annotations"] = new JsonObject { ["deployment.kubernetes.io/revision"] = _revision.ToString() },
                ["ownerReferences"] = OwnerReference("Deployment", Name, (string)deployment["metadata"]!["uid"]!),
            },
            ["spec"] = new JsonObject { ["replicas"] = 0, ["selector"] = selector, ["template"] = template },
            ["status"] = new JsonObject { ["replicas"] = 0 },
        });
        _store.Update(Deployments, Namespace, Name, d =>
        {
            d["metadata"]!["annotations"] ??= new JsonObject();
            d["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"] = _revision.ToString();
        });
    }

    private JsonObject NewPod(int i)
    {
        var rs = _store.Get(ReplicaSets, Namespace, NewReplicaSetName)!;
        var template = rs["spec"]!["template"]!;
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = PodName(i),
                ["labels"] = template["metadata"]!["labels"]!.DeepClone(),
                ["ownerReferences"] = OwnerReference("ReplicaSet", NewReplicaSetName, (string)rs["metadata"]!["uid"]!),
            },
            ["spec"] = template["spec"]!.DeepClone(),
            ["status"] = new JsonObject
            {
                ["phase"] = "Pending",
                ["containerStatuses"] = new JsonArray(new JsonObject
                {
                    ["name"] = "app", ["image"] = Image, ["ready"] = false, ["restartCount"] = 0,
                    ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } },
                }),
            },
        };
    }

    private IEnumerable<string> NewPodNames() =>
        _store.List(Pods, Namespace).Items
            .Where(p => (string?)p["metadata"]!["labels"]?["pod-template-hash"] == Hash && (string?)p["metadata"]!["labels"]?["app"] == Name)
            .Select(p => (string)p["metadata"]!["name"]!).ToList();

    private void SetNewPods(Action<JsonObject> container, string? phase = null)
    {
        foreach (var pod in NewPodNames())
            _store.Update(Pods, Namespace, pod, p =>
            {
                var c = p["status"]!["containerStatuses"]![0]!.AsObject();
                c["podName"] = pod;
                container(c);
                c.Remove("podName");
                if (phase is not null) p["status"]!["phase"] = phase;
                if (phase == "Running") p["status"]!.AsObject().Remove("conditions");
            }, statusOnly: true);
    }

    private void Status(Action<JsonObject> change) =>
        _store.Update(Deployments, Namespace, Name, d =>
        {
            d["status"] ??= new JsonObject();
            change(d);
        }, statusOnly: true);

    private void Event(string pod, string type, string reason, string message)
    {
        var now = ObjectStore.Timestamp(DateTimeOffset.UtcNow);
        _store.Create(Events, Namespace, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = $"{pod}.{++_eventCount:x8}" },
            ["involvedObject"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = Namespace, ["name"] = pod, ["apiVersion"] = "v1" },
            ["type"] = type, ["reason"] = reason, ["message"] = message, ["count"] = 1,
            ["firstTimestamp"] = now, ["lastTimestamp"] = now,
            ["source"] = new JsonObject { ["component"] = "kubelet" },
        });
    }

    private static JsonArray OwnerReference(string kind, string name, string uid) => new(new JsonObject
    {
        ["apiVersion"] = "apps/v1", ["kind"] = kind, ["name"] = name, ["uid"] = uid, ["controller"] = true, ["blockOwnerDeletion"] = true,
    });

    private static void SetCondition(JsonObject status, string type, string value, string reason, string message)
    {
        var conditions = status["conditions"] as JsonArray ?? new JsonArray();
        status["conditions"] = conditions;
        var now = ObjectStore.Timestamp(DateTimeOffset.UtcNow);
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
        if (existing is null)
            conditions.Add(new JsonObject { ["type"] = type, ["status"] = value, ["reason"] = reason, ["message"] = message, ["lastUpdateTime"] = now, ["lastTransitionTime"] = now });
        else
        {
            if ((string?)existing["status"] != value) existing["lastTransitionTime"] = now;
            existing["status"] = value;
            existing["reason"] = reason;
            existing["message"] = message;
            existing["lastUpdateTime"] = now;
        }
    }
}
