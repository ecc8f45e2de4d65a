using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>
/// What a request proves its identity with, read from a kubeconfig user as kubectl 1.32 reads it: nothing (<c>user: {}</c>, as
/// behind <c>kubectl proxy</c> or an authenticating proxy), a bearer token, a token file, a client certificate (inline data or
/// files), basic auth, an exec credential plugin, or an OIDC id-token; plus impersonation (<c>as</c>, <c>as-groups</c>).
/// </summary>
internal sealed class ClusterCredentials
{
    /// <summary>No credentials: anonymous, or identified by whatever stands in front of the API server.</summary>
    public static readonly ClusterCredentials None = new() { Description = "no credentials" };

    public IBearerToken? Bearer { get; private init; }
    public AuthenticationHeaderValue? Basic { get; private init; }
    public X509Certificate2? ClientCertificate { get; private init; }
    public ExecCredentialPlugin? Plugin { get; private init; }
    public IReadOnlyList<(string Name, string Value)> Impersonation { get; private init; } = [];

    /// <summary>How the user authenticates, in words for a log line (never the credential itself).</summary>
    public string Description { get; private init; } = "";

    /// <summary>The certificate to present in the TLS handshake: the plugin's, else the kubeconfig's.</summary>
    public X509Certificate2? CurrentCertificate => Plugin?.Certificate ?? ClientCertificate;

    /// <summary>The Authorization header for the next request, running the plugin or reading the token file as needed.</summary>
    public async ValueTask<AuthenticationHeaderValue?> AuthorizationAsync(CancellationToken ct)
    {
        if (Plugin is not null) await Plugin.EnsureAsync(ct).ConfigureAwait(false);
        if (Bearer is not null && await Bearer.GetAsync(ct).ConfigureAwait(false) is { Length: > 0 } token)
            return new AuthenticationHeaderValue("Bearer", token);
        return Basic;
    }

    /// <summary>The server answered 401: the next request gets fresh credentials where that is possible.</summary>
    public void Refused() => Bearer?.Refused();

    /// <summary>Reads <paramref name="user"/>; files are read now, an exec plugin runs at the first request.</summary>
    /// <exception cref="KubernetesConnectionException">The entry is one kubectl refuses, or a certificate or key cannot be loaded.</exception>
    public static ClusterCredentials For(KubeconfigUser user, KubernetesConnectionOptions options, string? clusterInfo)
    {
        var secrets = options.Secrets;
        secrets?.AddRange([user.Token, user.Password, user.ClientKeyData]);
        var hasToken = !string.IsNullOrEmpty(user.Token) || !string.IsNullOrEmpty(user.TokenFile);
        var hasBasic = !string.IsNullOrEmpty(user.Username) || !string.IsNullOrEmpty(user.Password);
        if (hasToken && hasBasic)
            throw Bad(user, $"has both a token and a username/password; kubectl allows only one of them", $"keep one");
        if (user.AuthProvider is not null && user.Exec is not null)
            throw Bad(user, $"has both an auth-provider and an exec plugin", $"keep the exec plugin");
        var methods = new List<string>();
        IBearerToken? bearer = null;
        ExecCredentialPlugin? plugin = null;
        if (user.Exec is { } exec)
        {
            bearer = plugin = new ExecCredentialPlugin(user, exec, options, clusterInfo);
            methods.Add($"exec plugin {Path.GetFileName(exec.Command)}");
        }
        else if (!string.IsNullOrEmpty(user.TokenFile))
        {
            // kubectl: the file, re-read as it rotates, wins over an inline token, which stays the fallback.
            bearer = new BearerTokenFile(user.Resolve(user.TokenFile), string.IsNullOrEmpty(user.Token) ? null : user.Token, KubernetesInputs.Kubeconfig,
                $"user '{user.Name}'", secrets);
            methods.Add("token file");
        }
        else if (!string.IsNullOrEmpty(user.Token))
        {
            bearer = new StaticBearerToken(user.Token);
            methods.Add("token");
        }
        else if (user.AuthProvider is { } provider)
        {
            bearer = AuthProvider(user, provider, secrets);
            methods.Add($"auth-provider {provider.Name}");
        }
        AuthenticationHeaderValue? basic = null;
        if (hasBasic)
        {
            basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user.Username}:{user.Password}")));
            secrets?.Add(basic.Parameter);
            methods.Add("basic auth");
        }
        var certificate = ClientCertificateOf(user, secrets);
        if (certificate is not null) methods.Add("client certificate");
        return new ClusterCredentials
        {
            Bearer = bearer,
            Basic = basic,
            ClientCertificate = certificate,
            Plugin = plugin,
            Impersonation = ImpersonationOf(user),
            Description = methods.Count == 0 ? "no credentials" : string.Join(" and ", methods),
        };
    }

    /// <summary>A pod's service account: its token file, re-read as the kubelet rotates it.</summary>
    public static ClusterCredentials ServiceAccount(string tokenPath, SecretMasker? secrets) => new()
    {
        Bearer = new BearerTokenFile(tokenPath, null, KubernetesInputs.ServiceAccount, "the in-cluster service account", secrets),
        Description = "service account token",
    };

    private static IBearerToken AuthProvider(KubeconfigUser user, KubeconfigAuthProvider provider, SecretMasker? secrets)
    {
        if (provider.Name == "oidc")
            return new OidcIdToken(user, provider.Config ?? [], secrets);
        // kubectl 1.26 and later refuse the removed gcp and azure providers in the same way.
        throw Bad(user, $"uses the auth-provider '{provider.Name}', which is not supported",
            $"use its exec credential plugin instead (gke-gcloud-auth-plugin, kubelogin)");
    }

    private static X509Certificate2? ClientCertificateOf(KubeconfigUser user, SecretMasker? secrets)
    {
        var hasCertificate = !string.IsNullOrEmpty(user.ClientCertificateData) || !string.IsNullOrEmpty(user.ClientCertificate);
        var hasKey = !string.IsNullOrEmpty(user.ClientKeyData) || !string.IsNullOrEmpty(user.ClientKey);
        if (!hasCertificate && !hasKey) return null;
        if (hasCertificate != hasKey)
            throw Bad(user, $"{(hasCertificate ? "has a client certificate but no client key" : "has a client key but no client certificate")}",
                $"give both client-certificate(-data) and client-key(-data)");
        var certificatePem = Pem(user, user.ClientCertificateData, user.ClientCertificate, "client-certificate");
        var keyPem = Pem(user, user.ClientKeyData, user.ClientKey, "client-key");
        secrets?.Add(keyPem);
        try
        {
            return X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (CryptographicException e)
        {
            throw new KubernetesConnectionException(KubernetesInputs.Kubeconfig,
                $"user '{user.Name}' has a client certificate and key that cannot be loaded as a matching PEM pair ({e.Message.ReplaceLineEndings(" ")})",
                $"give the certificate and private key kubectl uses (PEM)", e);
        }
    }

    private static string Pem(KubeconfigUser user, string? data, string? file, string field)
    {
        if (!string.IsNullOrEmpty(data))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException e)
            {
                throw new KubernetesConnectionException(KubernetesInputs.Kubeconfig, $"user '{user.Name}' has {field}-data that is not base64", $"encode the PEM file with base64", e);
            }
        }
        var path = user.Resolve(file!);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubernetesConnectionException(KubernetesInputs.Kubeconfig, $"user '{user.Name}' has {field} {path}, which cannot be read ({e.Message.ReplaceLineEndings(" ")})",
                $"fix the path or the file's permissions", e);
        }
    }

    // kubectl sends a header line per group and per extra value. .NET's HTTP client joins the values of one header into one
    // line ("a, b"), which the API server reads as a single group "a, b": impersonating the wrong identity is refused here.
    private static List<(string, string)> ImpersonationOf(KubeconfigUser user)
    {
        if (user.ImpersonateGroups is { Count: > 1 } groups)
            throw Bad(user, $"impersonates {groups.Count} groups (as-groups), which this client would send as the single group '{string.Join(", ", groups)}'",
                $"impersonate one group, or bind the roles to the impersonated user");
        if (user.ImpersonateExtra?.FirstOrDefault(e => e.Value is { Count: > 1 }) is { Key: { } many } extra)
            throw Bad(user, $"gives the impersonated user {extra.Value.Count} values of '{many}' (as-user-extra), which this client would send as the single value '{string.Join(", ", extra.Value)}'",
                $"give one value");
        var headers = new List<(string, string)>();
        if (!string.IsNullOrEmpty(user.ImpersonateUser)) headers.Add(("Impersonate-User", user.ImpersonateUser));
        if (!string.IsNullOrEmpty(user.ImpersonateUid)) headers.Add(("Impersonate-Uid", user.ImpersonateUid));
        foreach (var group in user.ImpersonateGroups ?? []) headers.Add(("Impersonate-Group", group));
        foreach (var (key, values) in user.ImpersonateExtra ?? [])
            foreach (var value in values) headers.Add(("Impersonate-Extra-" + Uri.EscapeDataString(key), value));
        return headers;
    }

    private static KubernetesConnectionException Bad(KubeconfigUser user, ErrorTextBuilder problem, ErrorTextBuilder remedy)
    {
        var what = ErrorText.Of(problem);
        return new(KubernetesInputs.Kubeconfig, $"user '{user.Name}' {what}", remedy);
    }
}
