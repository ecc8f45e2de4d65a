using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Pipelines.GitOps;

/// <summary>
/// Opens a file of a clone so that the kernel refuses it when its last component is a link (<c>O_NOFOLLOW</c>), which
/// .NET's file API cannot ask for: the walk already leaves links out, and this makes "never read or written through a
/// link" hold even if the tree changed since. It also skips the advisory <c>flock</c> pair and the extra <c>fstat</c>
/// <see cref="File.OpenHandle"/> makes on Unix: 4 calls per file instead of 7, measured at half the cost of reading a
/// 10,000-file tree. Where the flags are not known (other systems and architectures) it opens the .NET way.
/// </summary>
static partial class NoFollowFile
{
    // open(2) flags, which differ between architectures; null where they are not known here.
    static readonly OpenFlags? Flags = KnownFlags();

    /// <summary>Opens <paramref name="path"/> to read.</summary>
    public static SafeFileHandle OpenRead(string path) =>
        Flags is { } flags ? Open(path, flags.NoFollow | flags.CloseOnExec) : File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);

    /// <summary>Opens <paramref name="path"/> to write over its bytes in place.</summary>
    public static SafeFileHandle OpenWrite(string path) =>
        Flags is { } flags ? Open(path, flags.WriteOnly | flags.NoFollow | flags.CloseOnExec) : File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.None);

    static SafeFileHandle Open(string path, int flags)
    {
        var fd = OpenFile(path, flags);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"'{path}' cannot be opened: {Marshal.GetPInvokeErrorMessage(errno)}" +
                                  (errno == Eloop ? " (it became a link, and links are never followed)" : ""));
        }
        return new SafeFileHandle(fd, ownsHandle: true);
    }

    const int Eloop = 40;

    static OpenFlags? KnownFlags()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        return RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 or Architecture.X86 => new OpenFlags(WriteOnly: 1, NoFollow: 0x20000, CloseOnExec: 0x80000),
            Architecture.Arm64 or Architecture.Arm => new OpenFlags(WriteOnly: 1, NoFollow: 0x8000, CloseOnExec: 0x80000),
            _ => null,
        };
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenFile(string path, int flags);

    sealed record OpenFlags(int WriteOnly, int NoFollow, int CloseOnExec);
}
