namespace Pipelines.Kubernetes;

/// <summary>A kubeconfig <c>token</c>: the same value for every request.</summary>
internal sealed class StaticBearerToken(string token) : IBearerToken
{
    public ValueTask<string?> GetAsync(CancellationToken ct) => ValueTask.FromResult<string?>(token);

    public void Refused() { }
}
