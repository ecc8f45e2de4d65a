using Pipelines.Tooling;

namespace Pipelines.Containers.Building;

/// <summary>
/// The docker CLI and the engine it talks to (<c>DOCKER_HOST</c>, else the default socket). Every part that starts docker goes
/// through here, so all of them pick the same CLI and say the same thing when no engine answers.
/// </summary>
/// <param name="runner">Runs docker; its environment holds <c>DOCKER_HOST</c>, if any.</param>
/// <param name="executable">The docker CLI; <see cref="DefaultExecutable"/> when null.</param>
/// <param name="environment">Variables set on top of the runner's (e.g. <c>DOCKER_HOST</c>, <c>DOCKER_CONFIG</c>).</param>
public sealed class DockerEngine(ProcessRunner runner, string? executable = null, IReadOnlyDictionary<string, string?>? environment = null)
{
    /// <summary>How long the engine may take to answer <c>docker version</c>.</summary>
    public static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(15);

    /// <summary>
    /// <c>/usr/bin/docker</c> when it exists, else <c>docker</c> on PATH: a Debian or Ubuntu <c>docker.io</c> CLI there builds with
    /// the engine's embedded BuildKit, where a newer CLI earlier on PATH may lack the buildx plugin it needs.
    /// </summary>
    public static string DefaultExecutable => File.Exists("/usr/bin/docker") ? "/usr/bin/docker" : "docker";

    /// <summary>The CLI.</summary>
    public string Executable { get; } = executable ?? DefaultExecutable;

    /// <summary>The engine address: <c>DOCKER_HOST</c>, else the default socket.</summary>
    public string Host =>
        Variable("DOCKER_HOST") is { Length: > 0 } host ? host : OperatingSystem.IsWindows() ? "npipe:////./pipe/docker_engine" : "unix:///var/run/docker.sock";

    /// <summary>The environment tools started through <see cref="RunAsync"/> get on top of the runner's.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; } = environment ?? new Dictionary<string, string?>();

    /// <summary>Asks the engine for its version; fails in one line when it does not answer.</summary>
    /// <returns>The engine's version, e.g. <c>20.10.24</c>.</returns>
    /// <exception cref="ContainerEngineUnavailableException">No engine answers at <see cref="Host"/>.</exception>
    public async Task<string> EnsureAnsweringAsync(CancellationToken ct)
    {
        ProcessResult result;
        try
        {
            result = await runner.RunAsync(Executable, ["version", "--format", "{{.Server.Version}}"], environment: Environment,
                noEcho: true, quiet: true, throwOnError: false, timeout: AnswerBound, ct: ct).ConfigureAwait(false);
        }
        catch (ToolNotFoundException)
        {
            throw new ContainerEngineUnavailableException(Host, $"the docker CLI '{Executable}' is not installed");
        }
        catch (ProcessTimeoutException)
        {
            throw new ContainerEngineUnavailableException(Host, $"it did not answer within {AnswerBound}");
        }
        var version = result.StandardOutput.Trim();
        if (result.Succeeded && version.Length > 0)
            return version;
        var reason = (result.StandardError + "\n" + result.StandardOutput).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(l => !l.StartsWith("Client:", StringComparison.Ordinal)) ?? $"docker version exited with code {result.ExitCode}";
        throw new ContainerEngineUnavailableException(Host, runner.Masker.Redact(reason));
    }

    /// <summary>Whether the engine has the image <paramref name="reference"/> locally.</summary>
    public async Task<bool> HasImageAsync(string reference, CancellationToken ct) =>
        (await RunAsync(["image", "inspect", "--format", "{{.Id}}", reference], quiet: true, throwOnError: false, ct: ct).ConfigureAwait(false)).Succeeded;

    /// <summary>Runs the docker CLI with <paramref name="arguments"/>.</summary>
    public Task<ProcessResult> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null,
        bool quiet = false, bool throwOnError = true, string? standardInput = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var merged = new Dictionary<string, string?>(Environment);
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
            merged[key] = value;
        return runner.RunAsync(Executable, arguments, workingDirectory, merged, noEcho: quiet, quiet: quiet, throwOnError: throwOnError,
            standardInput: standardInput, timeout: timeout, ct: ct);
    }

    string? Variable(string name) =>
        Environment.TryGetValue(name, out var value) ? value
        : runner.Environment is { } env ? env.GetValueOrDefault(name)
        : System.Environment.GetEnvironmentVariable(name);
}
