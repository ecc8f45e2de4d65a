using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

/// <summary>Events as a controller's event recorder writes them (core/v1 Event on the object, with its component as source).</summary>
internal sealed class StandInEvents(ObjectStore store, string ns, string involvedKind, string involvedApiVersion, string component)
{
    private static readonly ApiResource Events = ApiResource.ByKind("Event");
    private int _count;

    public void Record(string name, string type, string reason, string message)
    {
        var now = ObjectStore.Timestamp(DateTimeOffset.UtcNow);
        store.Create(Events, ns, new JsonObject
        {
            // Names sort in the order written (the store lists by name; timestamps are whole seconds).
            ["metadata"] = new JsonObject { ["name"] = $"{name}.{System.Diagnostics.Stopwatch.GetTimestamp():x16}{++_count:x4}" },
            ["involvedObject"] = new JsonObject { ["kind"] = involvedKind, ["namespace"] = ns, ["name"] = name, ["apiVersion"] = involvedApiVersion },
            ["type"] = type, ["reason"] = reason, ["message"] = message, ["count"] = 1,
            ["firstTimestamp"] = now, ["lastTimestamp"] = now,
            ["source"] = new JsonObject { ["component"] = component },
        });
    }
}
