using System.Net;

namespace Pipelines.Kubernetes;

/// <summary>Puts the kubeconfig user's credentials on every request, and asks for fresh ones after a 401.</summary>
internal sealed class CredentialHandler(ClusterCredentials credentials) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (await credentials.AuthorizationAsync(cancellationToken).ConfigureAwait(false) is { } authorization)
            request.Headers.Authorization = authorization;
        foreach (var (name, value) in credentials.Impersonation)
            request.Headers.TryAddWithoutValidation(name, value);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            credentials.Refused();
        return response;
    }
}
