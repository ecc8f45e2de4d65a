using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Pipelines.Testing.Kubernetes;

/// <summary>
/// The stand-in's storage: objects as JSON with one global resource version, an event history that watches replay from,
/// and compaction so that a watch from a version older than the history answers 410 Gone as etcd-backed servers do.
/// </summary>
public sealed class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(ApiResource Resource, string Namespace, string Name), JsonObject> _objects = new();
    private readonly List<StoreEvent> _history = new();
    private readonly List<(ApiResource Resource, string? Namespace, Channel<StoreEvent> Channel)> _watchers = new();
    private long _version = 1000;
    private long _compactedThrough;

    /// <summary>Raised after every change, outside the store's lock.</summary>
    public event Action<StoreEvent>? Changed;

    /// <summary>The newest resource version.</summary>
    public long CurrentVersion { get { lock (_gate) return _version; } }

    /// <summary>A copy of one object, or null.</summary>
    public JsonObject? Get(ApiResource resource, string? ns, string name)
    {
        lock (_gate)
            return _objects.TryGetValue((resource, ns ?? "", name), out var o) ? (JsonObject)o.DeepClone() : null;
    }

    /// <summary>Copies of the objects of a type (in a namespace, or all), with the list's resource version.</summary>
    public (List<JsonObject> Items, long ResourceVersion) List(ApiResource resource, string? ns, Func<JsonObject, bool>? filter = null)
    {
        lock (_gate)
        {
            var items = _objects
                .Where(kv => kv.Key.Resource == resource && (ns is null || kv.Key.Namespace == ns) && (filter?.Invoke(kv.Value) ?? true))
                .OrderBy(kv => kv.Key.Namespace, StringComparer.Ordinal).ThenBy(kv => kv.Key.Name, StringComparer.Ordinal)
                .Select(kv => (JsonObject)kv.Value.DeepClone()).ToList();
            return (items, _version);
        }
    }

    /// <summary>Creates an object; fills uid, resourceVersion, generation and creationTimestamp as a server does. An object of a
    /// custom resource with a definition is checked against its schema first (<paramref name="validation"/>).</summary>
    public JsonObject Create(ApiResource resource, string? ns, JsonObject obj, FieldValidation validation = FieldValidation.Strict)
    {
        StoreEvent ev;
        lock (_gate)
        {
            obj = (JsonObject)obj.DeepClone();
            var meta = obj["metadata"] as JsonObject ?? throw new StoreException(422, "Invalid", "metadata is required");
            var name = (string?)meta["name"] ?? throw new StoreException(422, "Invalid", "metadata.name is required");
            var key = (resource, resource.Namespaced ? ns ?? "" : "", name);
            if (_objects.ContainsKey(key))
                throw new StoreException(409, "AlreadyExists", $"{resource.Plural} \"{name}\" already exists");
            obj["apiVersion"] = resource.GroupVersion;
            obj["kind"] = resource.Kind;
            if (resource.Namespaced) meta["namespace"] = key.Item2;
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] ??= Timestamp(DateTimeOffset.UtcNow);
            if (resource.Kind is not ("Pod" or "Event" or "Namespace")) meta["generation"] = 1;
            resource.Definition?.Admit(obj, validation);
            ev = Record(resource, key, "ADDED", obj);
        }
        Publish(ev);
        return (JsonObject)ev.Object.DeepClone();
    }

    /// <summary>
    /// Changes an object through <paramref name="mutate"/> on a copy. A change to the spec bumps metadata.generation;
    /// with <paramref name="statusOnly"/> only the status is taken over, as through the /status subresource. An object of a custom
    /// resource with a definition is checked against its schema (<paramref name="validation"/>).
    /// </summary>
    public JsonObject Update(ApiResource resource, string? ns, string name, Action<JsonObject> mutate, bool statusOnly = false, string? expectedVersion = null,
        FieldValidation validation = FieldValidation.Strict)
    {
        StoreEvent? ev;
        lock (_gate)
        {
            var key = (resource, resource.Namespaced ? ns ?? "" : "", name);
            if (!_objects.TryGetValue(key, out var current))
                throw NotFound(resource, name);
            if (expectedVersion is { Length: > 0 } && expectedVersion != (string?)current["metadata"]?["resourceVersion"])
                throw new StoreException(409, "Conflict", $"Operation cannot be fulfilled on {resource.Plural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
            var changed = (JsonObject)current.DeepClone();
            mutate(changed);
            JsonObject next;
            if (statusOnly)
            {
                next = (JsonObject)current.DeepClone();
                next["status"] = changed["status"]?.DeepClone();
            }
            else
            {
                next = changed;
                next["status"] = current["status"]?.DeepClone();
                var meta = (JsonObject)next["metadata"]!;
                foreach (var fixedField in new[] { "name", "namespace", "uid", "creationTimestamp", "generation" })
                    meta[fixedField] = current["metadata"]![fixedField]?.DeepClone();
                if (current["metadata"]!["generation"] is not null && !JsonNode.DeepEquals(current["spec"], next["spec"]))
                    meta["generation"] = JsonNumber.Of(current["metadata"]!["generation"])!.Value + 1;
            }
            next["apiVersion"] = resource.GroupVersion;
            next["kind"] = resource.Kind;
            resource.Definition?.Admit(next, validation);
            ev = JsonNode.DeepEquals(Strip(current), Strip(next)) ? null : Record(resource, key, "MODIFIED", next);
            if (ev is null) return (JsonObject)current.DeepClone();
        }
        Publish(ev);
        return (JsonObject)ev.Object.DeepClone();
    }

    /// <summary>Deletes an object.</summary>
    public JsonObject Delete(ApiResource resource, string? ns, string name)
    {
        StoreEvent ev;
        lock (_gate)
        {
            var key = (resource, resource.Namespaced ? ns ?? "" : "", name);
            if (!_objects.Remove(key, out var current))
                throw NotFound(resource, name);
            _version++;
            current["metadata"]!["resourceVersion"] = _version.ToString(CultureInfo.InvariantCulture);
            ev = new StoreEvent(_version, resource, key.Item2, name, "DELETED", (JsonObject)current.DeepClone());
            _history.Add(ev);
            Fanout(ev);
        }
        Publish(ev);
        return ev.Object;
    }

    /// <summary>Forgets the event history, so that a watch from any earlier version answers 410 Gone.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _compactedThrough = _version;
            _history.Clear();
        }
    }

    /// <summary>
    /// Opens a watch: the events after <paramref name="fromVersion"/> to replay, and a channel for later ones.
    /// Null when <paramref name="fromVersion"/> is older than the history (410 Gone).
    /// </summary>
    public (List<StoreEvent> Replay, Channel<StoreEvent> Channel)? Subscribe(ApiResource resource, string? ns, long? fromVersion)
    {
        lock (_gate)
        {
            List<StoreEvent> replay;
            if (fromVersion is null)
                replay = _objects.Where(kv => kv.Key.Resource == resource && (ns is null || kv.Key.Namespace == ns))
                    .Select(kv => new StoreEvent(_version, resource, kv.Key.Namespace, kv.Key.Name, "ADDED", (JsonObject)kv.Value.DeepClone()))
                    .ToList();
            else if (fromVersion < _compactedThrough)
                return null;
            else
                replay = _history.Where(e => e.ResourceVersion > fromVersion && e.Resource == resource && (ns is null || e.Namespace == ns)).ToList();
            var channel = Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true });
            _watchers.Add((resource, ns, channel));
            return (replay, channel);
        }
    }

    /// <summary>Closes a watch's channel.</summary>
    public void Unsubscribe(Channel<StoreEvent> channel)
    {
        lock (_gate) _watchers.RemoveAll(w => w.Channel == channel);
        channel.Writer.TryComplete();
    }

    internal static string Timestamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private StoreEvent Record(ApiResource resource, (ApiResource, string Namespace, string Name) key, string type, JsonObject obj)
    {
        _version++;
        obj["metadata"]!["resourceVersion"] = _version.ToString(CultureInfo.InvariantCulture);
        _objects[key] = obj;
        var ev = new StoreEvent(_version, resource, resource.Namespaced ? key.Namespace : null, key.Name, type, (JsonObject)obj.DeepClone());
        _history.Add(ev);
        Fanout(ev);
        return ev;
    }

    // Under the lock, so that every watch sees events in resource-version order.
    private void Fanout(StoreEvent ev)
    {
        foreach (var w in _watchers)
            if (w.Resource == ev.Resource && (w.Namespace is null || w.Namespace == ev.Namespace))
                w.Channel.Writer.TryWrite(ev);
    }

    private void Publish(StoreEvent ev) => Changed?.Invoke(ev);

    private static JsonObject Strip(JsonObject o)
    {
        var c = (JsonObject)o.DeepClone();
        (c["metadata"] as JsonObject)?.Remove("resourceVersion");
        return c;
    }

    private static StoreException NotFound(ApiResource resource, string name) =>
        new(404, "NotFound", $"{resource.Plural}{(resource.Group.Length > 0 ? "." + resource.Group : "")} \"{name}\" not found");
}
