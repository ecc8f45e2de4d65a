namespace Pipelines.GitOps;

/// <summary>
/// Buffers each GitHub answer whole, at most <see cref="MaxAnswerBytes"/>, before Octokit sees it. Octokit's adapter asks its
/// client only for an answer's headers and then reads the body with no bound at all: a GitHub (or a proxy in front of it) that
/// sent the headers and then dripped the body, or never ended it, held the build for ever. Read here, inside the client's
/// pipeline, the body falls under the client's request timeout (<see cref="PullRequestPublisher.Create"/> sets it to the answer bound).
/// </summary>
internal sealed class BoundedAnswerHandler() : DelegatingHandler(new SocketsHttpHandler { ConnectTimeout = PullRequestPublisher.ConnectBound })
{
    /// <summary>16 MiB: far above anything the calls made here get back (a page of 100 pull requests is about 3 MiB).</summary>
    public const int MaxAnswerBytes = 16 * 1024 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(MaxAnswerBytes, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
