using System.Collections.Concurrent;
using System.Text.Json;

namespace Pipelines;

/// <summary>
/// Typed values handed from one target to another, persisted as JSON at <c>artifacts/outputs/&lt;name&gt;.json</c>
/// so that a later CI job (or a later run) can read them.
/// </summary>
public sealed class BuildOutputs
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    readonly ConcurrentDictionary<string, object?> _values = new(StringComparer.Ordinal);

    /// <summary>Creates outputs stored under <paramref name="directory"/>.</summary>
    /// <param name="directory">Usually <c>artifacts/outputs</c> under the repository root.</param>
    public BuildOutputs(string directory) => Directory = directory;

    /// <summary>The directory holding one JSON file per output.</summary>
    public string Directory { get; }

    /// <summary>Records <paramref name="value"/> under <paramref name="name"/> and writes it to disk.</summary>
    public void Set<T>(string name, T value)
    {
        var path = PathOf(name);
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(path, JsonSerializer.Serialize(value, Json) + "\n");
        _values[name] = value;
    }

    /// <summary>Forgets the value recorded under <paramref name="name"/>, here and on disk (a target that decided nothing this time).</summary>
    public void Remove(string name)
    {
        _values.TryRemove(name, out _);
        var path = PathOf(name);
        if (File.Exists(path))
            File.Delete(path);
    }

    /// <summary>The value recorded under <paramref name="name"/> (in this run or an earlier one), or default.</summary>
    public T? Get<T>(string name) => TryGet<T>(name, out var value) ? value : default;

    /// <summary>Reads the value recorded under <paramref name="name"/>, if any.</summary>
    public bool TryGet<T>(string name, out T? value)
    {
        if (_values.TryGetValue(name, out var held) && held is T typed)
        {
            value = typed;
            return true;
        }
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            value = default;
            return false;
        }
        try
        {
            value = JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json);
        }
        catch (JsonException ex)
        {
            throw new TargetFailedException($"output '{name}' in {path} is not a valid {typeof(T).Name}: {ex.Message}; delete the file or rerun the target that writes it");
        }
        _values[name] = value;
        return value is not null;
    }

    string PathOf(string name)
    {
        if (name.Length == 0 || name.IndexOfAny(['/', '\\']) >= 0 || name.Contains(".."))
            throw new ArgumentException($"output name '{name}' must be a plain file name such as 'pushed-image'", nameof(name));
        return Path.Combine(Directory, name + ".json");
    }
}
