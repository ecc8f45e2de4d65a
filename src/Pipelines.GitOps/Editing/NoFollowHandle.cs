using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Pipelines.GitOps;

/// <summary>
/// A file of a clone opened by <see cref="NoFollowFile"/>: a plain descriptor on 64-bit Linux, else a .NET handle.
/// Reads and writes are positional, so the handle keeps no offset of its own; disposing closes it.
/// </summary>
readonly struct NoFollowHandle : IDisposable
{
    readonly int fd;
    readonly string? path;
    readonly SafeFileHandle? handle;

    public NoFollowHandle(int fd, string path)
    {
        this.fd = fd;
        this.path = path;
    }

    public NoFollowHandle(SafeFileHandle handle)
    {
        fd = -1;
        this.handle = handle;
    }

    /// <summary>The file's length in bytes.</summary>
    public long Length()
    {
        if (handle is not null)
            return RandomAccess.GetLength(handle);
        var end = Libc.Seek(fd, 0, Libc.SeekEnd);
        return end >= 0 ? end : throw Failed("measured");
    }

    /// <summary>Reads into <paramref name="buffer"/> from <paramref name="offset"/>; returns how many bytes, 0 at the end.</summary>
    public unsafe int Read(Span<byte> buffer, long offset)
    {
        if (handle is not null)
            return RandomAccess.Read(handle, buffer, offset);
        fixed (byte* start = buffer)
        {
            for (;;)
            {
                var read = Libc.PositionalRead(fd, start, buffer.Length, offset);
                if (read >= 0)
                    return (int)read;
                if (Marshal.GetLastPInvokeError() != Libc.Eintr)
                    throw Failed("read");
            }
        }
    }

    /// <summary>Writes all of <paramref name="bytes"/> at <paramref name="offset"/>.</summary>
    public unsafe void Write(ReadOnlySpan<byte> bytes, long offset)
    {
        if (handle is not null)
        {
            RandomAccess.Write(handle, bytes, offset);
            return;
        }
        fixed (byte* start = bytes)
        {
            for (var done = 0; done < bytes.Length;)
            {
                var written = Libc.PositionalWrite(fd, start + done, bytes.Length - done, offset + done);
                if (written > 0)
                    done += (int)written;
                else if (written == 0)
                    // No progress and no error would loop for ever (a full device reports ENOSPC, so this is not expected).
                    throw new IOException($"'{path}' cannot be written: the system wrote nothing");
                else if (Marshal.GetLastPInvokeError() != Libc.Eintr)
                    throw Failed("written");
            }
        }
    }

    /// <summary>Cuts the file to <paramref name="length"/> bytes.</summary>
    public void SetLength(long length)
    {
        if (handle is not null)
            RandomAccess.SetLength(handle, length);
        else if (Libc.Truncate(fd, length) < 0)
            throw Failed("cut to length");
    }

    public void Dispose()
    {
        if (handle is not null)
            handle.Dispose();
        else if (fd >= 0)
            Libc.Close(fd);
    }

    IOException Failed(string what) =>
        new($"'{path}' cannot be {what}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
}
