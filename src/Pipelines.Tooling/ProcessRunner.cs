using System.Diagnostics;
using System.Text;

namespace Pipelines.Tooling;

/// <summary>
/// Runs tools (git, docker, dotnet, kubectl) with arguments as a list, never one shell string, in an environment given once
/// (a build's own variables, not whatever the process happens to hold). Output is streamed line by line through the secret
/// masker with control characters escaped; a non-zero exit becomes a one-line <see cref="ProcessFailedException"/>.
/// </summary>
public sealed class ProcessRunner
{
    const int TailLines = 20;
    readonly SecretMasker masker;
    readonly TextWriter? output;

    /// <summary>A runner with its own masker that streams to the console and passes the process's environment on.</summary>
    public ProcessRunner() : this(new SecretMasker()) { }

    /// <summary>A runner that masks with <paramref name="masker"/> and streams to <paramref name="output"/> (the console when null).</summary>
    /// <param name="masker">The masker applied to echoed commands, streamed output and error messages.</param>
    /// <param name="output">Where command lines and output go.</param>
    /// <param name="environment">Every tool's environment, and the PATH tools are found on; the process's when null.</param>
    public ProcessRunner(SecretMasker masker, TextWriter? output = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        this.masker = masker;
        this.output = output;
        Environment = environment;
    }

    /// <summary>The masker applied to echoed commands, streamed output and error messages.</summary>
    public SecretMasker Masker => masker;

    /// <summary>The environment every tool starts with; null when tools inherit the process's.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; }

    /// <summary>
    /// How long to go on reading a tool's output after it exited. The output ends when the last process holding its pipes
    /// closes them, and a process the tool left running (a build server, an agent, a daemon) may hold them for as long as
    /// it lives: past this, the run returns with what was read.
    /// </summary>
    public TimeSpan OutputDrain { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="tool"/> and waits for it to exit.</summary>
    /// <param name="tool">The program to run, found on the environment's PATH when not a path.</param>
    /// <param name="arguments">Arguments, each passed as one argv element.</param>
    /// <param name="workingDirectory">Working directory; the current one when null.</param>
    /// <param name="environment">Variables to set on top of the runner's (a null value removes the variable).</param>
    /// <param name="secrets">Extra values to mask for this call (they are also added to the masker).</param>
    /// <param name="noEcho">Do not print the command line before running it.</param>
    /// <param name="quiet">Do not stream the tool's output (it is still captured).</param>
    /// <param name="throwOnError">Throw <see cref="ProcessFailedException"/> on a non-zero exit.</param>
    /// <param name="standardInput">Text written to the tool's standard input, which is then closed.</param>
    /// <param name="timeout">Kill the tool and its children after this long (<see cref="ProcessTimeoutException"/>); no bound when null.</param>
    /// <param name="ct">Cancels the run by killing the process tree.</param>
    public async Task<ProcessResult> RunAsync(
        string tool,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        IEnumerable<string?>? secrets = null,
        bool noEcho = false,
        bool quiet = false,
        bool throwOnError = true,
        string? standardInput = null,
        TimeSpan? timeout = null,
        CancellationToken ct = default)
    {
        if (secrets is not null)
            masker.AddRange(secrets);

        var args = arguments.ToList();
        var commandLine = masker.Redact(FormatCommandLine(tool, args));
        var writer = output ?? Console.Out;
        if (!noEcho)
            writer.WriteLine($"> {ControlCharacters.Escape(commandLine)}");

        var startInfo = new ProcessStartInfo(Locate(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? System.Environment.CurrentDirectory,
        };
        foreach (var arg in args)
            startInfo.ArgumentList.Add(arg);
        if (Environment is not null)
        {
            startInfo.Environment.Clear();
            foreach (var (key, value) in Environment)
            {
                if (value is not null)
                    startInfo.Environment[key] = value;
            }
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                startInfo.Environment.Remove(key);
            else
                startInfo.Environment[key] = value;
        }

        using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var tail = new Queue<string>();
        string? firstError = null;
        var gate = new object();

        void OnLine(string? line, StringBuilder capture, bool isError)
        {
            if (line is null)
                return;
            lock (gate)
            {
                capture.Append(line).Append('\n');
                var redacted = ControlCharacters.Escape(masker.Redact(line));
                tail.Enqueue(redacted);
                if (tail.Count > TailLines)
                    tail.Dequeue();
                if (isError && firstError is null && LooksLikeError(redacted))
                    firstError = redacted.Trim();
                if (!quiet)
                    writer.WriteLine(redacted);
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data, stdout, isError: false);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, stderr, isError: true);

        try
        {
            await ProcessStart.StartAsync(process, ct).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            // ENOENT: nothing by that name; anything else (EACCES, ENOEXEC) is a tool that is there but will not start.
            throw new ToolNotFoundException(tool, ex.Message, isMissing: ex.NativeErrorCode == 2);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var bound = timeout is { } limit ? new CancellationTokenSource(limit) : null;
        using var linked = bound is null ? null : CancellationTokenSource.CreateLinkedTokenSource(ct, bound.Token);
        var token = linked?.Token ?? ct;
        try
        {
            // A tool that exits before reading its input closes the pipe: that is an IOException, not a failure of ours.
            try
            {
                if (standardInput is not null)
                    await process.StandardInput.WriteAsync(standardInput.AsMemory(), token).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException) when (!token.IsCancellationRequested)
            {
            }
            await exited.Task.WaitAsync(token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            if (bound?.IsCancellationRequested == true && !ct.IsCancellationRequested)
                throw new ProcessTimeoutException(DisplayName(tool, args), timeout!.Value);
            throw;
        }

        // WaitForExitAsync returns once the streams hit EOF too, so the captures are complete here, unless a process the
        // tool left behind holds them open: then the run ends with what the tool printed before its exit reached us.
        try
        {
            await process.WaitForExitAsync(CancellationToken.None).WaitAsync(OutputDrain, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            if (!quiet)
                lock (gate)
                    writer.WriteLine($"({DisplayName(tool, args)} exited, but a process it started still holds its output; not waiting for it)");
        }
        // After a cut-off drain the readers may still append: everything below reads one snapshot, taken under the lock.
        ProcessResult result;
        string[] lines;
        string? first;
        lock (gate)
            (result, lines, first) = (new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString()), tail.ToArray(), firstError);
        if (throwOnError && !result.Succeeded)
        {
            var errorLine = first ?? LastNonEmpty(result.StandardError) ?? LastNonEmpty(result.StandardOutput);
            throw new ProcessFailedException(DisplayName(tool, args), commandLine, result.ExitCode, errorLine, lines);
        }
        return result;

        string? LastNonEmpty(string capture) =>
            capture.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) is { } last
                ? ControlCharacters.Escape(masker.Redact(last))
                : null;
    }

    /// <summary>Formats a command line for display, quoting arguments that contain spaces or quotes.</summary>
    public static string FormatCommandLine(string tool, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { tool }.Concat(arguments).Select(Quote));

    /// <summary>The tool's name and its subcommand (the first argument that is not an option), e.g. <c>git clone</c>.</summary>
    public static string DisplayName(string tool, IReadOnlyList<string> arguments)
    {
        var name = Path.GetFileName(tool);
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            // git -c key=value and -C dir take a value; other tools' leading options are flags.
            if (argument is "-c" or "-C" && name == "git")
            {
                i++;
                continue;
            }
            if (argument.StartsWith('-'))
                continue;
            return argument.Length <= 24 && argument.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? $"{name} {argument}" : name;
        }
        return name;
    }

    /// <summary>Error lines as tools print them: "error:", "fatal:", "ERROR: failed to solve", "Cannot connect ...".</summary>
    static bool LooksLikeError(string line)
    {
        string[] words = ["error", "fatal", "failed", "cannot", "can't", "unable", "denied", "refused", "not found", "no such", "unauthorized", "forbidden"];
        return words.Any(w => line.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The executable for <paramref name="tool"/>: itself when it is a path, else the first match on the environment's PATH.
    /// A tool missing from that PATH is missing: the process's own PATH, which may hold more, is not asked.</summary>
    /// <exception cref="ToolNotFoundException">The environment has a PATH and the tool is on none of its folders.</exception>
    string Locate(string tool)
    {
        if (Environment is null || tool.Contains('/') || tool.Contains('\\'))
            return tool;
        var path = Environment.TryGetValue("PATH", out var value) ? value : null;
        foreach (var directory in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
                return candidate;
            if (OperatingSystem.IsWindows() && File.Exists(candidate + ".exe"))
                return candidate + ".exe";
        }
        return path is null ? tool : throw new ToolNotFoundException(tool, "not found on the run's PATH", isMissing: true);
    }

    static string Quote(string arg) =>
        arg.Length > 0 && arg.IndexOfAny([' ', '"', '\'', '\t']) < 0 ? arg : "'" + arg.Replace("'", "'\\''") + "'";
}
