namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>
/// Sets process environment variables and restores them on dispose, for what only the process's environment decides (the
/// temporary directory every library writes to). Builds get everything else through their invocation's environment. Only the
/// serial end-to-end collection uses it.
/// </summary>
public sealed class ProcessEnvironment : IDisposable
{
    readonly List<(string Name, string? Value)> _previous = [];

    ProcessEnvironment() { }

    public static ProcessEnvironment Set(params (string Name, string? Value)[] variables)
    {
        var environment = new ProcessEnvironment();
        foreach (var (name, value) in variables)
        {
            environment._previous.Add((name, Environment.GetEnvironmentVariable(name)));
            Environment.SetEnvironmentVariable(name, value);
        }
        return environment;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
            Environment.SetEnvironmentVariable(name, value);
    }
}
