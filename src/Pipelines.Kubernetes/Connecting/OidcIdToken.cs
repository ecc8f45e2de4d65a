using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>
/// A kubeconfig's <c>oidc</c> auth-provider, read as kubectl's plugin reads it: <c>idp-issuer-url</c> and <c>client-id</c> are
/// required, and the <c>id-token</c> is a JWT, sent while more than 10 s are left before its <c>exp</c> (checked at every request,
/// so a long wait notices the expiry). kubectl renews an expired id-token with the <c>refresh-token</c> and writes both back into
/// the kubeconfig. A pipeline writes nothing outside its clone, and a renewal it could not write back would spend a refresh token
/// that most identity providers replace on use, leaving the kubeconfig's one dead. So an expired id-token is refused in one line
/// that says how to renew it; an exec plugin (kubelogin) renews without writing the kubeconfig.
/// </summary>
internal sealed class OidcIdToken : IBearerToken
{
    private static readonly TimeSpan ExpiryDelta = TimeSpan.FromSeconds(10);

    private readonly KubeconfigUser _user;
    private readonly string _token;
    private readonly DateTimeOffset _expires;
    private readonly bool _refreshable;
    private readonly TimeProvider _clock;

    /// <summary>Checks the entry as kubectl does; the expiry is checked at each request.</summary>
    /// <exception cref="KubernetesConnectionException">The entry lacks what kubectl requires, or its id-token is not a JWT with a numeric <c>exp</c>.</exception>
    public OidcIdToken(KubeconfigUser user, IReadOnlyDictionary<string, string> config, SecretMasker? secrets, TimeProvider? clock = null)
    {
        (_user, _clock) = (user, clock ?? TimeProvider.System);
        secrets?.AddRange([config.GetValueOrDefault("id-token"), config.GetValueOrDefault("refresh-token"), config.GetValueOrDefault("client-secret")]);
        foreach (var required in (string[])["idp-issuer-url", "client-id"])
        {
            if (string.IsNullOrEmpty(config.GetValueOrDefault(required)))
                throw Bad($"has an oidc auth-provider without {required}, which kubectl requires", $"add idp-issuer-url and client-id to its auth-provider config");
        }
        _refreshable = !string.IsNullOrEmpty(config.GetValueOrDefault("refresh-token"));
        _token = config.GetValueOrDefault("id-token") ?? "";
        if (_token.Length == 0 && _refreshable)
            throw Expired("has an oidc auth-provider with a refresh-token but no id-token");
        if (_token.Length == 0)
            throw Bad($"has an oidc auth-provider with neither an id-token nor a refresh-token", $"log in again to get an id-token, or use an exec plugin such as kubelogin");
        _expires = ExpiryOf(_token) ?? throw Bad($"has an oidc id-token that is not a JWT with a numeric exp claim",
            $"log in again to get a new id-token, or use an exec plugin such as kubelogin");
    }

    public ValueTask<string?> GetAsync(CancellationToken ct)
    {
        if (_clock.GetUtcNow() + ExpiryDelta >= _expires)
            throw Expired($"has an oidc id-token that expired at {_expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        return ValueTask.FromResult<string?>(_token);
    }

    // Nothing renews it here (see the summary): a refused id-token is refused again.
    public void Refused() { }

    private KubernetesCredentialException Expired(string problem) => _refreshable
        ? new(FailureKind.BadInput, KubernetesInputs.Kubeconfig, $"user '{_user.Name}' {problem}; kubectl would renew it with the refresh-token and write both into the kubeconfig, which a pipeline does not",
            $"renew it by running kubectl once with this kubeconfig (`kubectl get --raw /version`), or use an exec plugin such as kubelogin")
        : new(FailureKind.BadInput, KubernetesInputs.Kubeconfig, $"user '{_user.Name}' {problem}, and no refresh-token to renew it",
            $"log in again to get a new id-token, or use an exec plugin such as kubelogin");

    /// <summary>The <c>exp</c> of a JWT (seconds since the epoch, whole or not), as kubectl reads it; none when absent; null when
    /// the token is not three dot-separated parts with a base64url JSON object in the middle, or <c>exp</c> is not a number.</summary>
    internal static DateTimeOffset? ExpiryOf(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
            return null;
        try
        {
            using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            if (claims.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            if (!claims.RootElement.TryGetProperty("exp", out var exp))
                return DateTimeOffset.MinValue; // kubectl: no exp is the zero time, long expired.
            if (exp.ValueKind != JsonValueKind.Number)
                return null;
            var seconds = exp.TryGetInt64(out var whole) ? whole : (long)Math.Clamp(exp.GetDouble(), long.MinValue, long.MaxValue);
            return seconds <= DateTimeOffset.MinValue.ToUnixTimeSeconds() ? DateTimeOffset.MinValue
                : seconds >= DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? DateTimeOffset.MaxValue
                : DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private KubernetesConnectionException Bad(ErrorTextBuilder problem, ErrorTextBuilder remedy) =>
        new(KubernetesInputs.Kubeconfig, $"user '{_user.Name}' {ErrorText.Of(problem)}", remedy);
}
