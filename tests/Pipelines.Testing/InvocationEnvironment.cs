namespace Pipelines.Testing;

/// <summary>
/// The environment an in-process build is given: this process's variables (PATH, HOME) with a test's own on top, so a test
/// never changes the process's environment and builds can run side by side.
/// </summary>
public static class InvocationEnvironment
{
    /// <summary>The process's variables with <paramref name="overrides"/> applied (a null value removes the variable).</summary>
    public static Dictionary<string, string?> Of(params IEnumerable<(string Name, string? Value)> overrides)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            environment[(string)entry.Key] = entry.Value as string;
        // A CI host's own variables would make the build think it runs there.
        foreach (var name in new[] { "GITHUB_ACTIONS", "JENKINS_URL", "BUILD_NUMBER", "JENKINS_HOME", "PIPELINES_HOST", "PIPELINES_ROOT" })
            environment.Remove(name);
        foreach (var (name, value) in overrides)
        {
            if (value is null)
                environment.Remove(name);
            else
                environment[name] = value;
        }
        return environment;
    }

    /// <summary>The process's variables with the entries of <paramref name="overrides"/> applied.</summary>
    public static Dictionary<string, string?> Of(IReadOnlyDictionary<string, string?> overrides) => Of(overrides.Select(o => (o.Key, o.Value)));
}
