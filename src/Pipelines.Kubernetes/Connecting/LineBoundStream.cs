namespace Pipelines.Kubernetes;

/// <summary>
/// A read-only stream of newline-separated records (a watch's events) in which no record may run past <paramref name="maxLine"/>
/// bytes, else <paramref name="onTooLong"/> is thrown. The client library reads a watch line by line into memory: without this,
/// a server that sent one line without end would fill the build's memory for as long as it kept sending.
/// </summary>
internal sealed class LineBoundStream(Stream inner, long maxLine, Func<Exception> onTooLong) : ReadOnlyWrapperStream(inner)
{
    private long _line;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Count(buffer.Span[..read]);
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(buffer.AsSpan(offset, Inner.Read(buffer, offset, count)));

    /// <summary>Adds what was read to the line it continues; each line it ends or holds whole is checked too.</summary>
    private int Count(ReadOnlySpan<byte> read)
    {
        for (var rest = read; ;)
        {
            var newline = rest.IndexOf((byte)'\n');
            _line += newline < 0 ? rest.Length : newline;
            if (_line > maxLine)
                throw onTooLong();
            if (newline < 0)
                return read.Length;
            _line = 0;
            rest = rest[(newline + 1)..];
        }
    }
}
