namespace Pipelines.GitOps;

/// <summary>
/// Reads each GitHub answer in full, within the answer bound and at most <see cref="MaxAnswerBytes"/>, before Octokit sees it.
/// Octokit's adapter bounds only the wait for an answer's headers and then reads the body with no bound at all: a GitHub (or a
/// proxy in front of it) that sent the headers and then dripped the body, or never ended it, held the build for ever.
/// </summary>
internal sealed class BoundedAnswerHandler(TimeSpan answerBound) : DelegatingHandler(new SocketsHttpHandler { ConnectTimeout = PullRequestPublisher.ConnectBound })
{
    /// <summary>16 MiB: far above anything the calls made here get back (a page of 100 pull requests is about 3 MiB).</summary>
    public const int MaxAnswerBytes = 16 * 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(answerBound);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, bound.Token).ConfigureAwait(false);
            var body = await ReadAsync(response.Content, bound.Token).ConfigureAwait(false);
            var content = new ByteArrayContent(body);
            foreach (var (name, values) in response.Content.Headers)
            {
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    content.Headers.TryAddWithoutValidation(name, values);
            }
            response.Content.Dispose();
            response.Content = content;
            return response;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && bound.IsCancellationRequested)
        {
            response?.Dispose();
            throw new TimeoutException($"no whole answer within {answerBound.TotalSeconds:0.#} s", e);
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }

    private static async Task<byte[]> ReadAsync(HttpContent content, CancellationToken ct)
    {
        if (content.Headers.ContentLength > MaxAnswerBytes)
            throw TooLarge();
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
                throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static HttpRequestException TooLarge() =>
        new(HttpRequestError.ConfigurationLimitExceeded, $"an answer of more than {MaxAnswerBytes / (1024 * 1024)} MiB");
}
