using System.Text.Json;
using Pipelines.Tooling;

namespace Pipelines.Parameters;

/// <summary>
/// Binds parameter values from, highest first: the command line, the environment (<c>PIPELINES_NAME</c> or the
/// declared variable, nothing looser), <c>.nuke/parameters.&lt;profile&gt;.json</c> and <c>.nuke/parameters.json</c>.
/// </summary>
internal static class ParameterBinder
{
    public static ParameterStore Bind(
        IReadOnlyList<ParameterModel> parameters,
        IReadOnlyDictionary<string, (string Spelling, List<string> Values)> commandLine,
        IReadOnlyDictionary<string, string?> environment,
        string rootDirectory,
        IReadOnlyList<string> profiles,
        SecretMasker masker)
    {
        var store = new ParameterStore();
        var sources = new Dictionary<string, (IReadOnlyList<string> Values, string Source)>(StringComparer.Ordinal);

        // Lowest first; each later source overrides.
        ReadFile(Path.Combine(rootDirectory, ".nuke", "parameters.json"), parameters, sources, required: false);
        foreach (var profile in profiles)
        {
            var path = Path.Combine(rootDirectory, ".nuke", $"parameters.{profile}.json");
            if (!File.Exists(path))
            {
                var available = Directory.Exists(Path.Combine(rootDirectory, ".nuke"))
                    ? Directory.GetFiles(Path.Combine(rootDirectory, ".nuke"), "parameters.*.json")
                        .Select(f => Path.GetFileName(f)["parameters.".Length..^".json".Length]).Order(StringComparer.Ordinal).ToList()
                    : [];
                throw new InvocationException($"profile '{profile}' has no file .nuke/parameters.{profile}.json"
                    + (available.Count > 0 ? $"; available profiles: {string.Join(", ", available)}" : "; create it or drop --profile"));
            }
            ReadFile(path, parameters, sources, required: true);
        }
        foreach (var parameter in parameters)
        {
            var d = parameter.Description;
            // An empty variable counts as unset: CI systems pass unset inputs and secrets as "" (GitHub's
            // ${{ inputs.x }} on a push), which must not override parameters.json or fail an enum.
            if (d.ExplicitEnvironmentVariable is { } explicitName && environment.GetValueOrDefault(explicitName) is { Length: > 0 } explicitValue)
                sources[parameter.Name] = ([explicitValue], explicitName);
            if (environment.GetValueOrDefault(d.EnvironmentVariable) is { Length: > 0 } value)
                sources[parameter.Name] = ([value], d.EnvironmentVariable);
            if (commandLine.TryGetValue(parameter.Name, out var given))
            {
                // A bare boolean switch (--verbose) means true.
                var values = given.Values.Count == 0 && (Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type) == typeof(bool)
                    ? ["true"] : (IReadOnlyList<string>)given.Values;
                sources[parameter.Name] = (values, given.Spelling);
            }
        }

        foreach (var parameter in parameters)
        {
            if (!sources.TryGetValue(parameter.Name, out var raw))
                continue;
            if (parameter.Description.IsSecret)
                masker.AddRange(raw.Values);
            // A URL's user-info is a secret whichever parameter carries it (--config-repo https://user:password@host/...).
            foreach (var given in raw.Values)
                masker.AddUrlCredentials(given);
            var value = ValueConverter.Convert(raw.Values, parameter.Type, "--" + parameter.Name, raw.Source);
            store.Set(parameter.Name, value, raw.Source);
        }
        return store;
    }

    static void ReadFile(string path, IReadOnlyList<ParameterModel> parameters,
        Dictionary<string, (IReadOnlyList<string> Values, string Source)> sources, bool required)
    {
        if (!File.Exists(path))
            return;
        var display = ".nuke/" + Path.GetFileName(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new InvocationException($"{display} is not valid JSON ({ex.Message}); fix the file or delete it");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvocationException($"{display} must hold one JSON object of parameter names and values");
            var byName = new Dictionary<string, ParameterModel>(StringComparer.Ordinal);
            foreach (var parameter in parameters)
            {
                byName[ParameterNames.Normalize(parameter.Name)] = parameter;
                byName.TryAdd(ParameterNames.Normalize(parameter.Description.MemberName), parameter);
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name.StartsWith('$'))
                    continue;
                if (!byName.TryGetValue(ParameterNames.Normalize(property.Name), out var parameter))
                {
                    throw new InvocationException($"unknown parameter '{property.Name}' in {display}"
                        + Suggestions.Hint(property.Name, parameters.Select(p => p.Description.MemberName)) + "; remove it or fix its name");
                }
                var values = property.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.Array => property.Value.EnumerateArray().Select(Text).ToList(),
                    _ => [Text(property.Value)],
                };
                if (values is not null)
                    sources[parameter.Name] = (values, $"{display} \"{property.Name}\"");
            }
        }
    }

    static string Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => element.GetRawText(),
    };
}
