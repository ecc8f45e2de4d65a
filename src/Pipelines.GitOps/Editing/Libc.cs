using System.Runtime.InteropServices;

namespace Pipelines.GitOps;

/// <summary>The libc calls <see cref="NoFollowFile"/> and <see cref="NoFollowHandle"/> make (64-bit <c>off_t</c>).</summary>
static unsafe partial class Libc
{
    public const int Eperm = 1;
    public const int Eintr = 4;
    public const int Enotdir = 20;
    public const int Eloop = 40;
    public const int SeekEnd = 2;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAt(int folder, byte* name, int flags);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    public static partial nint PositionalRead(int fd, byte* buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    public static partial nint PositionalWrite(int fd, byte* buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "lseek", SetLastError = true)]
    public static partial long Seek(int fd, long offset, int whence);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int Truncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "close")]
    public static partial int Close(int fd);
}
