using System.Diagnostics;

namespace Pipelines.Kubernetes;

/// <summary>
/// Runs a credential plugin with a time bound and an output bound, and kills it with its whole process tree when either passes
/// or the caller cancels. Not <c>ProcessRunner</c>: what a plugin prints is a credential, so it is neither echoed nor streamed,
/// and it is read as bytes up to a limit, because a plugin that prints without end must not fill the memory before its bound.
/// </summary>
internal static class BoundedProcess
{
    /// <summary>What the process left: its exit code, what it printed (up to the limit) and the end of its error output.</summary>
    public sealed record Outcome(int ExitCode, byte[] Output, string Errors);

    /// <summary>The process ran past its time bound and was killed with its children.</summary>
    public sealed class TimedOutException : Exception;

    /// <summary>The process printed more than the output bound and was killed with its children.</summary>
    public sealed class TooMuchOutputException : Exception;

    public static async Task<Outcome> RunAsync(string executable, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment,
        string workingDirectory, TimeSpan timeout, int maxOutput, CancellationToken ct)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Clear();
        foreach (var (name, value) in environment)
            if (value is not null) start.Environment[name] = value;

        using var process = new Process { StartInfo = start };
        await Pipelines.Tooling.ProcessStart.StartAsync(process, ct).ConfigureAwait(false);
        // No terminal and no input: a plugin that would prompt reads end-of-file instead of waiting for an answer.
        process.StandardInput.Close();
        using var bound = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, bound.Token);
        var output = ReadAsync(process.StandardOutput.BaseStream, maxOutput, failWhenFull: true, linked.Token);
        var errors = ReadAsync(process.StandardError.BaseStream, 16 * 1024, failWhenFull: false, linked.Token);
        try
        {
            // WaitAsync, not the reads' own tokens: a read on a pipe may not notice cancellation, and the bound must hold anyway.
            var everything = Task.WhenAll(output, errors, process.WaitForExitAsync(CancellationToken.None));
            // Too much output ends the run at once, not at the bound.
            await Task.WhenAny(everything, output).WaitAsync(linked.Token).ConfigureAwait(false);
            await output.ConfigureAwait(false);
            await everything.WaitAsync(linked.Token).ConfigureAwait(false);
            return new Outcome(process.ExitCode, await output.ConfigureAwait(false), System.Text.Encoding.UTF8.GetString(await errors.ConfigureAwait(false)));
        }
        catch (Exception e) when (e is OperationCanceledException or TooMuchOutputException)
        {
            Kill(process);
            try
            {
                // Killing the tree closes the pipes; a descendant that escaped it (a daemon) must not hold this call open.
                await Task.WhenAll(output, errors, process.WaitForExitAsync(CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception) { /* the reads end with the process, one way or another */ }
            if (e is TooMuchOutputException) throw;
            if (bound.IsCancellationRequested && !ct.IsCancellationRequested) throw new TimedOutException();
            throw;
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }
    }

    // Reads until end of stream; beyond the limit, either fails (the credential) or keeps reading and drops the rest (the errors),
    // so that a chatty stderr cannot block the plugin on a full pipe.
    private static async Task<byte[]> ReadAsync(Stream stream, int limit, bool failWhenFull, CancellationToken ct)
    {
        var kept = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (read == 0) return kept.ToArray();
            var room = limit - (int)kept.Length;
            if (read > room && failWhenFull) throw new TooMuchOutputException();
            kept.Write(buffer, 0, Math.Min(read, Math.Max(room, 0)));
        }
    }
}
