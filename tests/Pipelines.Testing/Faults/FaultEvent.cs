namespace Pipelines.Testing.Faults;

/// <summary>One connection the proxy handled: what it did and, for HTTP, the request line.</summary>
/// <param name="Number">1-based connection number.</param>
/// <param name="Kind">The fault injected, or <see cref="FaultKind.None"/>.</param>
/// <param name="RequestLine">The HTTP request line (e.g. <c>HEAD /v2/app/manifests/abc HTTP/1.1</c>); empty for plain TCP.</param>
/// <param name="Detail">The status answered, the byte count reset after, or the delay.</param>
public sealed record FaultEvent(int Number, FaultKind Kind, string RequestLine, string Detail);
