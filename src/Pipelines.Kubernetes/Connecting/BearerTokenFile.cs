using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>
/// A token read from a file (a kubeconfig <c>tokenFile</c>, a pod's service account token) and read again once a minute, as
/// client-go does, because such tokens rotate (bound service account tokens expire within the hour). A later read that fails
/// keeps the last good token; the first one that fails is the error.
/// </summary>
internal sealed class BearerTokenFile(string path, string? fallback, Input input, string owner, SecretMasker? secrets, TimeProvider? clock = null) : IBearerToken
{
    private static readonly TimeSpan RereadAfter = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private string? _token;
    private long _readAt;

    public async ValueTask<string?> GetAsync(CancellationToken ct)
    {
        lock (_gate)
            if (_token is not null && _clock.GetElapsedTime(_readAt) < RereadAfter) return _token;
        string text;
        try
        {
            text = (await File.ReadAllTextAsync(path, ct).ConfigureAwait(false)).Trim();
            if (text.Length == 0) throw new IOException("the file is empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lock (_gate)
                if (_token is not null) return _token;
            if (fallback is not null) return fallback;
            throw new KubernetesCredentialException(FailureKind.BadInput, input, $"{owner}: the token file {path} cannot be read ({e.Message.ReplaceLineEndings(" ")})",
                $"make the file readable, or give another credential", e);
        }
        secrets?.Add(text);
        lock (_gate)
        {
            _token = text;
            _readAt = _clock.GetTimestamp();
        }
        return text;
    }

    public void Refused()
    {
        lock (_gate) _readAt = 0;
    }
}
