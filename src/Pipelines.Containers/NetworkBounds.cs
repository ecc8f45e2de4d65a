namespace Pipelines.Containers;

/// <summary>
/// How long a peer (a registry, the ECR API, STS) may take: to accept a connection, and to answer one request in full. A peer
/// that accepts and then says nothing is given up on at <see cref="Answer"/>, never waited on for ever.
/// </summary>
/// <param name="Connect">How long a connection may take to open.</param>
/// <param name="Answer">How long one request may take, from sending it to the last byte of the answer.</param>
public sealed record NetworkBounds(TimeSpan Connect, TimeSpan Answer)
{
    /// <summary>10 s to connect, 30 s to answer.</summary>
    public static NetworkBounds Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

    /// <summary>The most bytes one answer's body may hold, 4 MiB, as containerd, Docker and skopeo cap a manifest or an image
    /// config: every answer these clients read is small JSON, read into memory, so a peer that sends more is cut off there
    /// rather than filling the build's memory within the answer bound.</summary>
    public const int MaxAnswerBytes = 4 * 1024 * 1024;

    /// <summary>"4 MiB": <see cref="MaxAnswerBytes"/> in words for a message.</summary>
    public static string MaxAnswerText => $"{MaxAnswerBytes / (1024 * 1024)} MiB";

    /// <summary>A client with these bounds, sending through <paramref name="handler"/> (a new one that keeps the connect bound when null).</summary>
    /// <param name="handler">A caller's handler (tests, proxies); it is not disposed with the client.</param>
    /// <param name="followRedirects">False below a request signer: a redirected request would carry a signature for another URL.</param>
    public HttpClient CreateClient(HttpMessageHandler? handler = null, bool followRedirects = true) =>
        new(handler ?? new SocketsHttpHandler { ConnectTimeout = Connect, AllowAutoRedirect = followRedirects }, disposeHandler: handler is null)
        {
            Timeout = Answer,
            MaxResponseContentBufferSize = MaxAnswerBytes,
        };

    /// <summary>Whether <paramref name="exception"/> is an answer cut off for holding more than <see cref="MaxAnswerBytes"/> (or
    /// headers longer than the client takes).</summary>
    public static bool IsOversized(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded };

    /// <summary>Whether <paramref name="exception"/> is a client's <see cref="HttpClient.Timeout"/> passing, not a caller's cancellation.</summary>
    public static bool IsAnswerTimeout(Exception exception) => exception is TaskCanceledException { InnerException: TimeoutException };
}
