using System.Diagnostics;

namespace Pipelines.Tooling;

/// <summary>
/// Runs tools (git, docker, dotnet, kubectl) with arguments as a list, never one shell string.
/// Output is streamed line by line through the secret masker; a non-zero exit becomes a
/// <see cref="ProcessFailedException"/> naming the command and its last lines.
/// </summary>
public sealed class ProcessRunner(SecretMasker masker, TextWriter? output = null)
{
    const int TailLines = 20;

    /// <summary>A runner with its own masker that streams to the console.</summary>
    public ProcessRunner() : this(new SecretMasker()) { }

    /// <summary>The masker applied to echoed commands, streamed output and error messages.</summary>
    public SecretMasker Masker => masker;

    /// <summary>Runs <paramref name="tool"/> and waits for it to exit.</summary>
    /// <param name="tool">The program to run, found on PATH when not a path.</param>
    /// <param name="arguments">Arguments, each passed as one argv element.</param>
    /// <param name="workingDirectory">Working directory; the current one when null.</param>
    /// <param name="environment">Variables to set (a null value removes the variable).</param>
    /// <param name="secrets">Extra values to mask for this call (they are also added to the masker).</param>
    /// <param name="noEcho">Do not print the command line before running it.</param>
    /// <param name="quiet">Do not stream the tool's output (it is still captured).</param>
    /// <param name="throwOnError">Throw <see cref="ProcessFailedException"/> on a non-zero exit.</param>
    /// <param name="standardInput">Text written to the tool's standard input, which is then closed.</param>
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
        CancellationToken ct = default)
    {
        if (secrets is not null)
            masker.AddRange(secrets);

        var args = arguments.ToList();
        var commandLine = masker.Redact(FormatCommandLine(tool, args));
        var writer = output ?? Console.Out;
        if (!noEcho)
            writer.WriteLine($"> {commandLine}");

        var startInfo = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
            startInfo.ArgumentList.Add(arg);
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null)
                    startInfo.Environment.Remove(key);
                else
                    startInfo.Environment[key] = value;
            }
        }

        using var process = new Process { StartInfo = startInfo };
        var stdout = new System.Text.StringBuilder();
        var stderr = new System.Text.StringBuilder();
        var tail = new Queue<string>();
        var gate = new object();

        void OnLine(string? line, System.Text.StringBuilder capture)
        {
            if (line is null)
                return;
            lock (gate)
            {
                capture.Append(line).Append('\n');
                var redacted = masker.Redact(line);
                tail.Enqueue(redacted);
                if (tail.Count > TailLines)
                    tail.Dequeue();
                if (!quiet)
                    writer.WriteLine(redacted);
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data, stdout);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, stderr);

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new ToolNotFoundException(tool, ex.Message);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null)
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), ct).ConfigureAwait(false);
        process.StandardInput.Close();

        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }

        // WaitForExitAsync returns once the streams hit EOF too, so the captures are complete here.
        var result = new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString());
        if (throwOnError && !result.Succeeded)
        {
            string[] lines;
            lock (gate)
                lines = tail.ToArray();
            throw new ProcessFailedException(commandLine, result.ExitCode, lines);
        }
        return result;
    }

    /// <summary>Formats a command line for display, quoting arguments that contain spaces or quotes.</summary>
    public static string FormatCommandLine(string tool, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { tool }.Concat(arguments).Select(Quote));

    static string Quote(string arg) =>
        arg.Length > 0 && arg.IndexOfAny([' ', '"', '\'', '\t']) < 0 ? arg : "'" + arg.Replace("'", "'\\''") + "'";
}
