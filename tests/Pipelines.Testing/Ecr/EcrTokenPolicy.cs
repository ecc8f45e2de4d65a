namespace Pipelines.Testing.Ecr;

/// <summary>How the ECR stand-in's authorization tokens expire.</summary>
public sealed record EcrTokenPolicy
{
    /// <summary>How long a token is valid (ECR: 12 hours); GetAuthorizationToken reports the matching <c>expiresAt</c>.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Authenticated registry requests the first token issued may make before it counts as expired (later tokens last
    /// <see cref="Lifetime"/>): a deterministic way to have the token fetched at the start of a run expire in the middle of it.
    /// Unlimited when null.</summary>
    public int? FirstTokenRequests { get; init; }
}
