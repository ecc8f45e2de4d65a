using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Pipelines.GitOps;

/// <summary>
/// Opens a file of a clone so that the kernel refuses it when its last component is a link (<c>O_NOFOLLOW</c>), which
/// .NET's file API cannot ask for: the walk already leaves links out, and this makes "never read or written through a
/// link" hold even if the tree changed since. On 64-bit Linux the file is then read and written with plain
/// <c>pread</c>/<c>pwrite</c> on the descriptor: 4 calls per file read (open, seek to the end for the size, read,
/// close), where <see cref="File.OpenHandle"/> and <see cref="RandomAccess"/> make 7 (an advisory <c>flock</c> pair, an
/// <c>fstat</c> for the size and another at open, and a seekability probe); the calls are most of the cost of reading a
/// 10,000-file tree. Elsewhere (other systems, 32-bit, unknown flags) it opens and reads the .NET way.
/// </summary>
static partial class NoFollowFile
{
    // open(2) flags, which differ between architectures; null where they are not known here.
    static readonly OpenFlags? Flags = KnownFlags();

    /// <summary>Opens <paramref name="path"/> to read.</summary>
    public static NoFollowHandle OpenRead(string path) =>
        Flags is { } flags ? Open(path, ReadMode(flags), flags) : new(File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read));

    /// <summary>Opens <paramref name="path"/> to write over its bytes in place.</summary>
    public static NoFollowHandle OpenWrite(string path) =>
        Flags is { } flags ? Open(path, flags.WriteOnly | flags.NoFollow | flags.CloseOnExec, flags) : new(File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.None));

    /// <summary>
    /// Opens <paramref name="folder"/> so that the files in it are opened relative to it: the kernel then looks up one
    /// name per file instead of walking the whole path again (a quarter of the cost of reading a 10,000-file tree), and
    /// the folder itself is refused when it became a link. Where descriptors are not used, files open by their path.
    /// </summary>
    public static NoFollowFolder OpenFolder(string folder)
    {
        if (Flags is not { Descriptor: true } flags)
            return default;
        var fd = OpenPath(folder, flags.Directory | flags.NoFollow | flags.CloseOnExec);
        // O_DIRECTORY with O_NOFOLLOW refuses a link with ENOTDIR, as it does a file.
        if (fd < 0 && Marshal.GetLastPInvokeError() == Libc.Enotdir)
            throw new IOException($"'{folder}' cannot be opened: it is no longer a folder (it became a link or a file, and links are never followed)");
        return fd >= 0 ? new(fd) : throw Refused(folder);
    }

    /// <summary>Opens <paramref name="path"/> to read, relative to <paramref name="folder"/> when it was opened.</summary>
    internal static NoFollowHandle OpenRead(in NoFollowFolder folder, string path)
    {
        if (folder.Descriptor < 0)
            return OpenRead(path);
        var fd = OpenName(folder.Descriptor, path, ReadMode(Flags!));
        return fd >= 0 ? new(fd, path) : throw Refused(path);
    }

    // Reads ask the kernel not to record an access time (O_NOATIME): a file just checked out has an access time no later
    // than its change time, so under relatime its first read dirties the inode and journals it, which was an eighth of
    // the kernel's share of a 10,000-file bump. Only the file's owner may ask; anyone else is refused and opens again.
    static int ReadMode(OpenFlags flags) => flags.NoFollow | flags.CloseOnExec | flags.NoAccessTime;

    // Whether an open refused because it asked for O_NOATIME should be made again without it.
    static bool DropNoAccessTime(int mode) =>
        (mode & (Flags?.NoAccessTime ?? 0)) != 0 && Marshal.GetLastPInvokeError() == Libc.Eperm;

    static bool Interrupted(int fd) => fd < 0 && Marshal.GetLastPInvokeError() == Libc.Eintr;

    static NoFollowHandle Open(string path, int mode, OpenFlags flags)
    {
        var fd = OpenPath(path, mode);
        if (fd < 0)
            throw Refused(path);
        return flags.Descriptor ? new(fd, path) : new(new SafeFileHandle(fd, ownsHandle: true));
    }

    // open(2) of path: the descriptor, or -1 with the error left in errno.
    static int OpenPath(string path, int mode)
    {
        int fd;
        do
            fd = Libc.Open(path, mode);
        while (Interrupted(fd));
        return fd < 0 && DropNoAccessTime(mode) ? OpenPath(path, mode & ~Flags!.NoAccessTime) : fd;
    }

    // openat(2) of the last name of path in the folder descriptor, encoded on the stack (no string per file): the
    // descriptor, or -1 with the error left in errno.
    static unsafe int OpenName(int folder, string path, int mode)
    {
        var name = path.AsSpan(path.LastIndexOf('/') + 1);
        var size = System.Text.Encoding.UTF8.GetMaxByteCount(name.Length) + 1;
        Span<byte> bytes = size <= 1024 ? stackalloc byte[size] : new byte[size];
        bytes[System.Text.Encoding.UTF8.GetBytes(name, bytes)] = 0;
        int fd;
        fixed (byte* start = bytes)
        {
            do
                fd = Libc.OpenAt(folder, start, mode);
            while (Interrupted(fd));
        }
        return fd < 0 && DropNoAccessTime(mode) ? OpenName(folder, path, mode & ~Flags!.NoAccessTime) : fd;
    }

    static IOException Refused(string path)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"'{path}' cannot be opened: {Marshal.GetPInvokeErrorMessage(errno)}" +
                               (errno == Libc.Eloop ? " (it became a link, and links are never followed)" : ""));
    }

    static OpenFlags? KnownFlags()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        // pread, pwrite, lseek and ftruncate take a 64-bit off_t only on 64-bit systems.
        return RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => new OpenFlags(WriteOnly: 1, Directory: 0x10000, NoFollow: 0x20000, NoAccessTime: 0x40000, CloseOnExec: 0x80000, Descriptor: true),
            Architecture.X86 => new OpenFlags(WriteOnly: 1, Directory: 0x10000, NoFollow: 0x20000, NoAccessTime: 0x40000, CloseOnExec: 0x80000, Descriptor: false),
            Architecture.Arm64 => new OpenFlags(WriteOnly: 1, Directory: 0x4000, NoFollow: 0x8000, NoAccessTime: 0x40000, CloseOnExec: 0x80000, Descriptor: true),
            Architecture.Arm => new OpenFlags(WriteOnly: 1, Directory: 0x4000, NoFollow: 0x8000, NoAccessTime: 0x40000, CloseOnExec: 0x80000, Descriptor: false),
            _ => null,
        };
    }

    sealed record OpenFlags(int WriteOnly, int Directory, int NoFollow, int NoAccessTime, int CloseOnExec, bool Descriptor);
}
