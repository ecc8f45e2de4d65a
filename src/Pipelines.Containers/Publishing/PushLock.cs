using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Pipelines.Containers.Publishing;

/// <summary>
/// A machine-wide lock per target tag, so two pushes of one tag on one machine (two jobs on one agent, a pipeline started twice
/// on a laptop) run one after the other and the second finds the image there and skips. It is an OS file lock in a per-user
/// temporary directory: the OS releases it when the process dies, so a crashed push never blocks the next. Pushes from different
/// machines are not serialised; they upload the same content and the registry keeps one copy.
/// </summary>
internal sealed class PushLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private readonly FileStream? _file;

    private PushLock(FileStream? file) => _file = file;

    /// <summary>Waits up to <paramref name="timeout"/> for the lock of <paramref name="target"/>; without a usable lock directory it
    /// returns a no-op lock rather than fail the push.</summary>
    /// <exception cref="PushLockTimeoutException">Another push of the same tag held the lock for the whole <paramref name="timeout"/>.</exception>
    public static async Task<PushLock> AcquireAsync(string target, TimeSpan timeout, TextWriter? log, CancellationToken ct)
    {
        string path;
        try
        {
            var directory = Path.Combine(Path.GetTempPath(), $"pipelines-locks-{Environment.UserName}");
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(directory);
            else
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            path = Path.Combine(directory, $"push-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(target)))[..32]}.lock");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log?.WriteLine($"No lock directory for pushes on this machine ({e.Message}); pushing {target} without one");
            return new PushLock(null);
        }

        var started = Stopwatch.GetTimestamp();
        var announced = false;
        while (true)
        {
            try
            {
                return new PushLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (UnauthorizedAccessException e)
            {
                log?.WriteLine($"The push lock {path} cannot be opened ({e.Message}); pushing {target} without it");
                return new PushLock(null);
            }
            catch (IOException)
            {
                // Held by another push of the same tag.
                if (!announced)
                    log?.WriteLine($"Another push of {target} is running on this machine; waiting for it to finish");
                announced = true;
                if (Stopwatch.GetElapsedTime(started) > timeout)
                    throw new PushLockTimeoutException(target, timeout);
                await Task.Delay(Poll, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Releases the lock (the file stays, empty, for the next push).</summary>
    public void Dispose() => _file?.Dispose();
}
