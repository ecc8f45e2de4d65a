namespace Pipelines.Kubernetes;

/// <summary>
/// A read-only stream of newline-separated records (a watch's events) in which no record may run past <paramref name="maxLine"/>
/// bytes, else <paramref name="onTooLong"/> is thrown. The client library reads a watch line by line into memory: without this,
/// a server that sent one line without end would fill the build's memory for as long as it kept sending.
/// </summary>
internal sealed class LineBoundStream(Stream inner, long maxLine, Func<Exception> onTooLong) : Stream
{
    private long _line;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    private int Count(ReadOnlySpan<byte> read)
    {
        var newline = read.LastIndexOf((byte)'\n');
        _line = newline < 0 ? _line + read.Length : read.Length - newline - 1;
        if (_line > maxLine)
            throw onTooLong();
        return read.Length;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
