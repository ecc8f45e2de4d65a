using System.Diagnostics;
using System.Globalization;
using Pipelines.Containers.Building;
using Pipelines.Tooling;

namespace Pipelines.Containers.Running;

/// <summary>
/// Proves an image runs before it ships. Starts it in the local engine under a private name, its container port published on a
/// random port of 127.0.0.1 and no variables but the image's own and those given; waits until it answers an HTTP <c>GET</c> with an
/// accepted status (and, when the image declares a <c>HEALTHCHECK</c>, until that passes too); removes it in every case, cancel
/// included. Fails fast in one line when the container exits, is OOM-killed or answers with another status, and at the start
/// timeout when it never listened.
/// </summary>
/// <param name="runner">Runs the docker CLI; its masker masks the container's log lines and answers.</param>
/// <param name="docker">The engine to run in; the one the runner's environment names when null.</param>
public sealed class SmokeTester(ProcessRunner runner, DockerEngine? docker = null)
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(500);
    static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(5);
    const int BodyInMessage = 200;
    const int ShownBody = 2048;
    const int LogLines = 20;
    const int Unavailable = 503;

    readonly DockerEngine _docker = docker ?? new DockerEngine(runner);

    /// <summary>Runs the smoke test <paramref name="options"/> describe.</summary>
    /// <exception cref="ContainerInputException">An option cannot be used, or no port is given and the image does not expose exactly one.</exception>
    /// <exception cref="ContainerEngineUnavailableException">No engine answers: nothing can be smoke-tested here.</exception>
    /// <exception cref="SmokeTestFailedException">The container did not answer as it should; it has been removed.</exception>
    public async Task<SmokeTestResult> RunAsync(SmokeTestOptions options, CancellationToken ct = default)
    {
        options.Validate(runner.Masker);
        await _docker.EnsureAnsweringAsync(ct).ConfigureAwait(false);
        var loaded = options.Archive is { } archive && await LoadAsync(archive, options.Image, options.Log, ct).ConfigureAwait(false);
        try
        {
            var config = await ImageRunConfig.ReadAsync(_docker, options.Image, ct).ConfigureAwait(false);
            var port = config.PortToTest(options.Image, options.ContainerPort);
            var container = new RunningContainer(_docker, runner.Masker, ContainerName(options.Image));
            SmokeTestResult result;
            try
            {
                var clock = Stopwatch.StartNew();
                await container.StartAsync(RunArguments(options, port, config), ct).ConfigureAwait(false);
                result = await WatchAsync(container, options, port, config, clock, ct).ConfigureAwait(false);
            }
            catch
            {
                if (await container.RemoveAsync().ConfigureAwait(false) is { } leftOver)
                    options.Log?.WriteLine(leftOver.Message);
                throw;
            }
            if (await container.RemoveAsync().ConfigureAwait(false) is { } notRemoved)
                throw notRemoved;
            return result;
        }
        finally
        {
            if (loaded)
                await _docker.RunAsync(["image", "rm", options.Image], quiet: true, throwOnError: false, ct: CancellationToken.None).ConfigureAwait(false);
        }
    }

    async Task<SmokeTestResult> WatchAsync(RunningContainer container, SmokeTestOptions options, int port, ImageRunConfig config, Stopwatch clock, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var exited = container.WaitForExitAsync(stop.Token);
        try
        {
            // A container that stopped at once has no published port any more: that is its exit, not a port problem.
            var hostPort = await container.PublishedAddressAsync(port, ct).ConfigureAwait(false);
            if (hostPort is null && !(await container.InspectAsync(ct).ConfigureAwait(false)).Running)
                throw await ExitedAsync(container, options, clock.Elapsed, ct).ConfigureAwait(false);
            if (hostPort is null)
                throw new PipelinesException(FailureKind.Failure, ContainerInputs.Engine, $"published no host port for {port} of container {container.Name}",
                    $"check that the engine's default network has a bridge to publish ports on");
            var address = new Uri($"http://{hostPort}");
            options.Log?.WriteLine($"started {container.Name} from {options.Image}; its port {port} is published on {hostPort}");
            using var probe = new HttpProbe(address, runner.Masker);
            var probes = new ProbeHistory();
            TimeSpan? answeredAfter = null;
            ContainerState? state = null;
            var nextHealthRead = TimeSpan.Zero;
            var passed = false;
            while (!passed)
            {
                if (exited.IsCompleted)
                    throw await ExitedAsync(container, options, clock.Elapsed, ct).ConfigureAwait(false);
                var remaining = options.StartTimeout - clock.Elapsed;
                if (remaining <= TimeSpan.Zero)
                    break;
                if (answeredAfter is null)
                {
                    var bound = remaining < RequestBound ? remaining : RequestBound;
                    probes.Record(await probe.GetAsync(options.Path, bound, BodyInMessage, ct).ConfigureAwait(false), bound);
                    var last = probes.Decisive;
                    if (last.Outcome == ProbeOutcome.Answered && options.AcceptedStatus.Contains(last.StatusCode))
                    {
                        answeredAfter = clock.Elapsed;
                        options.Log?.WriteLine($"GET {options.Path} answered {last.StatusCode} after {Seconds(clock.Elapsed)}");
                    }
                    // 503 is how an app says "not ready yet", as a readiness probe would see it; any other refusal is final.
                    else if (last.Outcome == ProbeOutcome.Answered && last.StatusCode != Unavailable)
                        throw SmokeTestFailedException.UnexpectedStatus(options.Image, options.Path, last.StatusCode, last.ReasonPhrase, last.Body, options.AcceptedStatus);
                }
                if (answeredAfter is not null)
                {
                    if (!config.HasHealthcheck)
                    {
                        passed = true;
                        continue;
                    }
                    if (clock.Elapsed >= nextHealthRead)
                    {
                        state = await container.InspectAsync(ct).ConfigureAwait(false);
                        nextHealthRead = clock.Elapsed + HealthPollInterval;
                        if (state.Health == "unhealthy")
                            throw SmokeTestFailedException.Unhealthy(options.Image, "unhealthy", state.LastHealthOutput, options.StartTimeout);
                        passed = state.Health == "healthy";
                        if (passed)
                            continue;
                    }
                }
                await Task.WhenAny(exited, Task.Delay(PollInterval, ct)).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
            }

            if (!passed)
            {
                var last = probes.Decisive;
                if (exited.IsCompleted)
                    throw await ExitedAsync(container, options, clock.Elapsed, ct).ConfigureAwait(false);
                if (answeredAfter is not null)
                    throw SmokeTestFailedException.Unhealthy(options.Image, state?.Health ?? "starting", state?.LastHealthOutput ?? "", options.StartTimeout);
                if (last.Outcome == ProbeOutcome.Answered)
                    throw SmokeTestFailedException.UnexpectedStatus(options.Image, options.Path, last.StatusCode, last.ReasonPhrase, last.Body, options.AcceptedStatus);
                var lines = await LogAsync(container, options, ct).ConfigureAwait(false);
                throw last.Outcome == ProbeOutcome.Silent
                    ? SmokeTestFailedException.NoAnswer(options.Image, port, options.Path, options.StartTimeout, lines)
                    : SmokeTestFailedException.NeverListened(options.Image, port, options.StartTimeout, lines);
            }
            if (config.HasHealthcheck)
                options.Log?.WriteLine($"HEALTHCHECK healthy after {Seconds(clock.Elapsed)}");

            var served = new List<ServedAnswer>();
            foreach (var path in options.ShowPaths)
            {
                var answer = await probe.GetAsync(path, RequestBound, ShownBody, ct).ConfigureAwait(false);
                served.Add(new ServedAnswer(path, answer.StatusCode, answer.Body));
                options.Log?.WriteLine($"GET {path} answered {(answer.Outcome == ProbeOutcome.Answered ? answer.StatusCode.ToString(CultureInfo.InvariantCulture) : "nothing")}: {answer.Body}");
            }
            return new SmokeTestResult(options.Image, new Uri(address, options.Path), probes.Decisive.StatusCode, answeredAfter!.Value, config.HasHealthcheck ? "healthy" : null, served);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await exited.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    async Task<SmokeTestFailedException> ExitedAsync(RunningContainer container, SmokeTestOptions options, TimeSpan after, CancellationToken ct)
    {
        var state = await container.InspectAsync(ct).ConfigureAwait(false);
        var lines = await LogAsync(container, options, ct).ConfigureAwait(false);
        return state.OomKilled
            ? SmokeTestFailedException.OutOfMemory(options.Image, options.MemoryLimit, after, lines)
            : SmokeTestFailedException.Exited(options.Image, state.ExitCode, after, lines);
    }

    static async Task<IReadOnlyList<string>> LogAsync(RunningContainer container, SmokeTestOptions options, CancellationToken ct)
    {
        var lines = await container.LastLogLinesAsync(LogLines, ct).ConfigureAwait(false);
        if (options.Log is { } log)
        {
            log.WriteLine(lines.Count == 0 ? $"{container.Name} logged nothing" : $"the last {lines.Count} log lines of {container.Name}:");
            foreach (var line in lines)
                log.WriteLine("  " + line);
        }
        return lines;
    }

    async Task<bool> LoadAsync(string archive, string image, TextWriter? log, CancellationToken ct)
    {
        if (!File.Exists(archive))
            throw new PipelinesException(FailureKind.Failure, null, $"the image archive '{archive}' of {image} does not exist", $"build the image again (DockerBuild)");
        var existed = await _docker.HasImageAsync(image, ct).ConfigureAwait(false);
        await _docker.RunAsync(["load", "--input", archive], quiet: true, ct: ct).ConfigureAwait(false);
        log?.WriteLine($"loaded {image} from {Path.GetFileName(archive)} into the engine at {_docker.Host}");
        return !existed;
    }

    static List<string> RunArguments(SmokeTestOptions options, int port, ImageRunConfig config)
    {
        // Never pulled: the image under test is the one just built, not whatever a registry holds under that name.
        var args = new List<string> { "--label", "pipelines.smoke-test=true", "--pull", "never", "--publish", $"127.0.0.1::{port}/tcp" };
        foreach (var (name, value) in options.Environment)
            args.AddRange(["--env", $"{name}={value}"]);
        if (options.MemoryLimit is { } memory)
            args.AddRange(["--memory", memory, "--memory-swap", memory]);
        if (config.HasHealthcheck)
        {
            // The image's own check, run every second instead of its interval (30s by default); failures before the start
            // timeout do not count, so a slow start is not "unhealthy", and the first pass is "healthy".
            var startPeriod = ((long)options.StartTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
            args.AddRange(["--health-interval", "1s", "--health-start-period", startPeriod]);
        }
        args.Add(options.Image);
        return args;
    }

    /// <summary>A name no other container has and anyone can tell apart: <c>pipelines-smoke-&lt;image&gt;-&lt;random&gt;</c>.</summary>
    static string ContainerName(string image)
    {
        var name = new string(image.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray()).Trim('-', '.');
        return $"pipelines-smoke-{(name.Length > 40 ? name[..40] : name)}-{Guid.NewGuid().ToString("N")[..8]}";
    }

    static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
