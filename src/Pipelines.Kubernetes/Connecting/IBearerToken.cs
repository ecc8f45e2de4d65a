namespace Pipelines.Kubernetes;

/// <summary>Where a bearer token comes from: the kubeconfig, a file re-read as it rotates, or an exec credential plugin.</summary>
internal interface IBearerToken
{
    /// <summary>The token to send now, or null for none.</summary>
    ValueTask<string?> GetAsync(CancellationToken ct);

    /// <summary>The server answered 401 to the token: the next request gets a fresh one where that is possible.</summary>
    void Refused();
}
