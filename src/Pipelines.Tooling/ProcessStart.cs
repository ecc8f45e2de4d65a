using System.ComponentModel;
using System.Diagnostics;

namespace Pipelines.Tooling;

/// <summary>Starting a process, with the one retry that Unix needs for a program that was written a moment ago.</summary>
public static class ProcessStart
{
    const int TextFileBusy = 26; // ETXTBSY

    /// <summary>
    /// Starts <paramref name="process"/>. A program this process has just written (a wrapper script, a credential plugin)
    /// stays open for writing in every child that another thread forked while the file was open, until that child runs its
    /// own program; starting it then fails with "Text file busy". That lasts microseconds to milliseconds, so it is retried
    /// a few times; any other failure, or a file still busy after half a second, throws as <see cref="Process.Start()"/> does.
    /// </summary>
    public static async Task StartAsync(Process process, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                process.Start();
                return;
            }
            catch (Win32Exception e) when (e.NativeErrorCode == TextFileBusy && attempt < 10)
            {
                await Task.Delay(10 * attempt, ct).ConfigureAwait(false);
            }
        }
    }
}
