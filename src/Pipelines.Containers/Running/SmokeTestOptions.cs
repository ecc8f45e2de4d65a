using System.Text.RegularExpressions;
using Pipelines.Tooling;

namespace Pipelines.Containers.Running;

/// <summary>What a smoke test starts and what it waits for.</summary>
/// <param name="Image">The image in the local engine, e.g. <c>gitops-app-demo:1a2b3c4</c>.</param>
public sealed partial record SmokeTestOptions(string Image)
{
    /// <summary>The port in the container to request; null for the image's single <c>EXPOSE</c>.</summary>
    public int? ContainerPort { get; init; }

    /// <summary>The path requested with <c>GET</c> until the container answers.</summary>
    public string Path { get; init; } = "/healthz";

    /// <summary>The status codes that count as a pass.</summary>
    public StatusCodeSet AcceptedStatus { get; init; } = StatusCodeSet.Default;

    /// <summary>How long the container may take from start to an accepted answer (and a passing <c>HEALTHCHECK</c>).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The only variables the container gets besides the image's own <c>ENV</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The container's memory limit in docker's notation (<c>256m</c>), or null for none.</summary>
    public string? MemoryLimit { get; init; }

    /// <summary>Paths fetched once the container has passed, whose answers are part of the result (e.g. <c>/version</c>).</summary>
    public IReadOnlyList<string> ShowPaths { get; init; } = [];

    /// <summary>A docker archive to load the image from first (a daemonless build's output); the image is removed again afterwards
    /// unless the engine had it already.</summary>
    public string? Archive { get; init; }

    /// <summary>Where progress and, on a failure, the container's last log lines go (masked); nowhere when null.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>Reads <c>KEY=VALUE</c> entries into <see cref="Environment"/>.</summary>
    /// <exception cref="ContainerInputException">An entry has no <c>=</c> or its name is not a variable name.</exception>
    public static IReadOnlyDictionary<string, string> ParseEnvironment(IEnumerable<string> entries)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            // A bare KEY would make docker copy the variable from its own environment, which holds the build's secrets.
            if (eq <= 0 || !VariableName().IsMatch(entry[..eq]))
                throw new ContainerInputException(ContainerInputs.ContainerEnvironment, $"entry '{entry}' is not KEY=VALUE",
                    $"give each variable with its value, e.g. ASPNETCORE_ENVIRONMENT=Staging");
            environment[entry[..eq]] = entry[(eq + 1)..];
        }
        return environment;
    }

    /// <summary>Refuses values no smoke test can use, before anything starts.</summary>
    internal void Validate(SecretMasker masker)
    {
        foreach (var path in ShowPaths.Prepend(Path))
        {
            if (!path.StartsWith('/') || path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                throw new ContainerInputException(path == Path ? ContainerInputs.SmokeTestPath : ContainerInputs.ShownPaths,
                    $"'{path}' is not an absolute URL path", $"give one such as /healthz");
        }
        if (ContainerPort is < 1 or > 65535)
            throw new ContainerInputException(ContainerInputs.ContainerPort, $"{ContainerPort} is not a TCP port", $"give one from 1 to 65535");
        if (StartTimeout <= TimeSpan.Zero)
            throw new ContainerInputException(ContainerInputs.StartTimeout, $"{StartTimeout} is not a positive duration", $"give one such as 00:01:00");
        foreach (var (name, value) in Environment)
        {
            if (masker.Redact(value) != value)
                throw new ContainerInputException(ContainerInputs.ContainerEnvironment, $"variable {name} holds one of the run's secrets",
                    $"a smoke-tested container gets no secrets; give it a value made for the test");
        }
        if (MemoryLimit is not null && (MemoryBytes(MemoryLimit) is not { } bytes || bytes < 6 * 1024 * 1024))
            throw new ContainerInputException(ContainerInputs.MemoryLimit, $"'{MemoryLimit}' is not a size of at least 6m",
                $"give one as the Deployment's limit, e.g. 256m or 1g");
    }

    static long? MemoryBytes(string text)
    {
        var match = MemorySize().Match(text);
        if (!match.Success || !long.TryParse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var number))
            return null;
        var shift = char.ToLowerInvariant(match.Groups[2].Value.FirstOrDefault('b')) switch { 'k' => 10, 'm' => 20, 'g' => 30, _ => 0 };
        return number > long.MaxValue >> shift ? null : number << shift;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    [GeneratedRegex("^([0-9]{1,12})([bkmgBKMG]?)$")]
    private static partial Regex MemorySize();
}
