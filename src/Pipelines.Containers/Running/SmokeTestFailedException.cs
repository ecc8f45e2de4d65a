using System.Globalization;
using Pipelines.Tooling;

namespace Pipelines.Containers.Running;

/// <summary>
/// A smoke-tested container did not answer as it should: it did not start, exited, was OOM-killed, never listened, answered
/// with the wrong status or failed its <c>HEALTHCHECK</c>. The message is one line with the exit code or status and the last
/// log lines (masked); the container is gone by the time this is thrown.
/// </summary>
public sealed class SmokeTestFailedException : PipelinesException
{
    const int LinesInMessage = 3;

    SmokeTestFailedException(SmokeTestFailure reason, string image, IReadOnlyList<string> lastLogLines, ErrorTextBuilder problem, ErrorTextBuilder remedy)
        : base(FailureKind.Failure, null, problem, remedy)
    {
        Reason = reason;
        Image = image;
        LastLogLines = lastLogLines;
    }

    /// <summary>Why it failed.</summary>
    public SmokeTestFailure Reason { get; }

    /// <summary>The image tested.</summary>
    public string Image { get; }

    /// <summary>The container's exit code, when it exited.</summary>
    public int? ExitCode { get; private init; }

    /// <summary>The status code it answered with, when it answered.</summary>
    public int? StatusCode { get; private init; }

    /// <summary>The last lines the container logged (stdout and stderr in order), masked.</summary>
    public IReadOnlyList<string> LastLogLines { get; }

    internal static SmokeTestFailedException NotStarted(string image, string engineError) =>
        new(SmokeTestFailure.NotStarted, image, [], $"the engine could not start a container of {image}: {engineError}",
            $"check the image's entry point and user, and that the engine can start containers (`docker run --rm {image}` shows the same error)");

    internal static SmokeTestFailedException Exited(string image, int exitCode, TimeSpan after, IReadOnlyList<string> lines) =>
        new(SmokeTestFailure.Exited, image, lines, $"the container of {image} exited with code {exitCode} {Seconds(after)} after it started; {LogText(lines)}",
            $"fix what makes it exit (`docker run --rm {image}` shows it)")
        { ExitCode = exitCode };

    internal static SmokeTestFailedException OutOfMemory(string image, string? limit, TimeSpan after, IReadOnlyList<string> lines) =>
        new(SmokeTestFailure.OutOfMemory, image, lines,
            $"the container of {image} was OOM-killed (out of memory{(limit is null ? "" : " at the limit of " + limit)}) {Seconds(after)} after it started; {LogText(lines)}",
            limit is null ? ErrorText.Of($"give the engine more memory or make the app need less")
                : ErrorText.Of($"raise the {ContainerInputs.MemoryLimit} to what the app needs, and the Deployment's with it"))
        { ExitCode = 137 };

    internal static SmokeTestFailedException NeverListened(string image, int port, TimeSpan within, IReadOnlyList<string> lines) =>
        new(SmokeTestFailure.NeverListened, image, lines, $"the container of {image} never listened on {port} within {Seconds(within)}; {LogText(lines)}",
            $"make the app listen on {port} on all interfaces (0.0.0.0, not 127.0.0.1), or give the port it listens on ({ContainerInputs.ContainerPort}) or a longer {ContainerInputs.StartTimeout}");

    internal static SmokeTestFailedException NoAnswer(string image, int port, string path, TimeSpan within, IReadOnlyList<string> lines) =>
        new(SmokeTestFailure.NoAnswer, image, lines,
            $"the container of {image} accepted connections on {port} but did not answer GET {path} within {Seconds(within)}; {LogText(lines)}",
            $"check that it serves plain HTTP on that port, or give a longer {ContainerInputs.StartTimeout}");

    internal static SmokeTestFailedException UnexpectedStatus(string image, string path, int status, string? phrase, string bodyStart, StatusCodeSet accepted) =>
        new(SmokeTestFailure.UnexpectedStatus, image, [],
            $"the container of {image} answered GET {path} with {status}{(string.IsNullOrEmpty(phrase) ? "" : " " + phrase)}{(bodyStart.Length == 0 ? "" : ": " + bodyStart)}",
            $"fix the endpoint, or change the {ContainerInputs.AcceptedStatus} (now {accepted}) or the {ContainerInputs.SmokeTestPath}")
        { StatusCode = status };

    internal static SmokeTestFailedException Unhealthy(string image, string health, string lastCheck, TimeSpan within) =>
        new(SmokeTestFailure.Unhealthy, image, [],
            health == "unhealthy"
                ? ErrorText.Of($"the container of {image} answered, but its HEALTHCHECK reported unhealthy{CheckText(lastCheck)}")
                : ErrorText.Of($"the container of {image} answered, but its HEALTHCHECK did not pass within {Seconds(within)}{CheckText(lastCheck)}"),
            $"fix the HEALTHCHECK command or what it checks (`docker inspect` shows its log)");

    static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";

    static string LogText(IReadOnlyList<string> lines) =>
        lines.Count switch
        {
            0 => "it logged nothing",
            1 => $"its last log line: {lines[0]}",
            _ => $"its last log lines: {string.Join(" | ", lines.TakeLast(LinesInMessage))}",
        };

    static string CheckText(string lastCheck) => lastCheck.Length == 0 ? "" : $" (last check: {lastCheck})";
}
