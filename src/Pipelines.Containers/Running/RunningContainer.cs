using System.Globalization;
using Pipelines.Containers.Building;
using Pipelines.Tooling;

namespace Pipelines.Containers.Running;

/// <summary>
/// One container a smoke test started, known by its private name from before it is created, so that it can be removed
/// whatever happened: a failed start, a failure, or a cancelled build.
/// </summary>
internal sealed class RunningContainer(DockerEngine docker, SecretMasker masker, string name)
{
    /// <summary>How long the engine may take to create and start the container, or to remove it.</summary>
    static readonly TimeSpan EngineBound = TimeSpan.FromSeconds(60);

    const int LongestLogLine = 300;

    /// <summary>The container's name.</summary>
    public string Name { get; } = name;

    /// <summary>Creates and starts the container with <c>docker run -d</c>.</summary>
    /// <param name="arguments">The options of <c>docker run</c> and the image; the name is added here.</param>
    /// <param name="ct">Observed after the engine answered: a half-created container could not be removed reliably.</param>
    public async Task StartAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        ProcessResult started;
        try
        {
            started = await docker.RunAsync(["run", "--detach", "--name", Name, .. arguments], quiet: false, throwOnError: false,
                timeout: EngineBound, ct: CancellationToken.None).ConfigureAwait(false);
        }
        catch (ProcessTimeoutException)
        {
            throw SmokeTestFailedException.NotStarted(arguments[^1], $"the engine did not start it within {EngineBound.TotalSeconds:0}s");
        }
        ct.ThrowIfCancellationRequested();
        if (!started.Succeeded)
        {
            var error = (started.StandardError + "\n" + started.StandardOutput).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .FirstOrDefault() ?? $"docker run exited with code {started.ExitCode}";
            throw SmokeTestFailedException.NotStarted(arguments[^1], Clean(error));
        }
    }

    /// <summary>The host address the container port is published on, e.g. <c>127.0.0.1:32768</c>; null once the container stopped.</summary>
    public async Task<string?> PublishedAddressAsync(int port, CancellationToken ct)
    {
        var result = await docker.RunAsync(["port", Name, $"{port.ToString(CultureInfo.InvariantCulture)}/tcp"], quiet: true, throwOnError: false, ct: ct).ConfigureAwait(false);
        return result.StandardOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(line => line.StartsWith("127.0.0.1:", StringComparison.Ordinal));
    }

    /// <summary>Completes when the container stops (<c>docker wait</c>), with its exit code.</summary>
    public async Task WaitForExitAsync(CancellationToken ct) =>
        await docker.RunAsync(["wait", Name], quiet: true, throwOnError: false, ct: ct).ConfigureAwait(false);

    /// <summary>The container's state now.</summary>
    public async Task<ContainerState> InspectAsync(CancellationToken ct)
    {
        var result = await docker.RunAsync(["inspect", "--type", "container", "--format", "{{json .State}}", Name], quiet: true, ct: ct).ConfigureAwait(false);
        return ContainerState.Parse(result.StandardOutput);
    }

    /// <summary>The last <paramref name="count"/> lines it logged, stdout and stderr in the order written, masked and escaped.</summary>
    public async Task<IReadOnlyList<string>> LastLogLinesAsync(int count, CancellationToken ct)
    {
        var result = await docker.RunAsync(["logs", "--timestamps", "--tail", count.ToString(CultureInfo.InvariantCulture), Name],
            quiet: true, throwOnError: false, ct: ct).ConfigureAwait(false);
        // docker writes the two streams to two pipes, so their order is only known from the timestamps it prefixes.
        return Lines(result.StandardOutput).Concat(Lines(result.StandardError))
            .OrderBy(line => line.Time)
            .Select(line => Clean(line.Text))
            .Where(line => line.Length > 0)
            .TakeLast(count)
            .ToList();
    }

    /// <summary>Removes the container and its anonymous volumes, killing it if it still runs; never cancelled.</summary>
    /// <returns>Null once it is gone; otherwise the failure to report.</returns>
    public async Task<PipelinesException?> RemoveAsync()
    {
        ProcessResult removed;
        try
        {
            removed = await docker.RunAsync(["rm", "--force", "--volumes", Name], quiet: true, throwOnError: false, timeout: EngineBound,
                ct: CancellationToken.None).ConfigureAwait(false);
        }
        catch (ProcessTimeoutException e)
        {
            return new PipelinesException(FailureKind.Failure, ContainerInputs.Engine, $"did not remove container {Name} within {EngineBound.TotalSeconds:0}s",
                $"remove it with `docker rm --force {Name}`", e);
        }
        return removed.Succeeded || removed.StandardError.Contains("No such container", StringComparison.OrdinalIgnoreCase)
            ? null
            : new PipelinesException(FailureKind.Failure, ContainerInputs.Engine, $"did not remove container {Name}: {Clean(removed.StandardError.Trim())}",
                $"remove it with `docker rm --force {Name}`");
    }

    string Clean(string line)
    {
        var text = ControlCharacters.Escape(masker.Redact(line.TrimEnd()));
        return text.Length > LongestLogLine ? text[..LongestLogLine] + "…" : text;
    }

    static IEnumerable<(DateTimeOffset Time, string Text)> Lines(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && DateTimeOffset.TryParse(line[..space], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                yield return (time, line[(space + 1)..]);
            else if (line.Length > 0)
                yield return (DateTimeOffset.MaxValue, line);
        }
    }
}
