namespace Pipelines.Kubernetes;

/// <summary>A read-only stream whose every read must bring a byte within <paramref name="silence"/>, else <paramref name="onSilence"/> is thrown.</summary>
internal sealed class IdleBoundStream(Stream inner, TimeSpan silence, Func<Exception> onSilence) : ReadOnlyWrapperStream(inner)
{
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(silence);
        try
        {
            return await Inner.ReadAsync(buffer, bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw onSilence();
        }
    }

    // Synchronous reads are not bounded; the client library reads these streams asynchronously.
    public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);
}
