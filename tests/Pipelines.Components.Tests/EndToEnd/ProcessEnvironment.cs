namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>
/// Sets process environment variables for the tools a build starts (docker reads DOCKER_HOST, the AWS SDK its credentials)
/// and restores them on dispose. Only the end-to-end collection uses it, and that collection runs alone.
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
