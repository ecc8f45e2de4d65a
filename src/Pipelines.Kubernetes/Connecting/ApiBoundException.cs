using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>
/// The API server did not accept a connection, did not start to answer, or went silent in the middle of an answer, within its
/// bound; or it answered more than anything the client reads. An <see cref="IOException"/>, so a watch resumes through it.
/// </summary>
internal sealed class ApiBoundException(string problem, Input? bound) : IOException(problem)
{
    /// <summary>What happened, completing "the Kubernetes API at … ".</summary>
    public string Problem { get; } = problem;

    /// <summary>The bound a user can raise, if any.</summary>
    public Input? Bound { get; } = bound;

    /// <summary>The bound that ended <paramref name="exception"/>, also when a content copy wrapped it in an HttpRequestException.</summary>
    public static ApiBoundException? In(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is ApiBoundException bound) return bound;
        return null;
    }

    public static ApiBoundException NoConnection(HttpRequestMessage request, TimeSpan bound) =>
        new($"did not accept a connection (TCP and TLS) within {bound} for {Describe(request)}", KubernetesInputs.ConnectTimeout);

    public static ApiBoundException NoAnswer(HttpRequestMessage request, TimeSpan bound) =>
        new($"accepted the connection but did not answer {Describe(request)} within {bound} (connect and request timeouts)", KubernetesInputs.RequestTimeout);

    public static ApiBoundException Silent(HttpRequestMessage request, TimeSpan bound) =>
        new($"went silent for {bound} in the middle of its answer to {Describe(request)}", KubernetesInputs.RequestTimeout);

    public static ApiBoundException TooLarge(HttpRequestMessage request, long limit) =>
        new($"answered {Describe(request)} with more than {limit / (1024 * 1024)} MiB", null);

    public static ApiBoundException EventTooLarge(HttpRequestMessage request, long limit) =>
        new($"sent an event of more than {limit / (1024 * 1024)} MiB in its answer to {Describe(request)}, larger than any object", null);

    private static string Describe(HttpRequestMessage request) => $"{request.Method} {request.RequestUri?.AbsolutePath}";
}
