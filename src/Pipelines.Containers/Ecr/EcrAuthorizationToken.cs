namespace Pipelines.Containers.Ecr;

/// <summary>Registry credentials decoded from GetAuthorizationToken. <see cref="Password"/> is a secret: register it with the masker.</summary>
/// <param name="Username">The user name (ECR answers <c>AWS</c>).</param>
/// <param name="Password">The registry password (a 12-hour token).</param>
/// <param name="ProxyEndpoint">The registry URL, e.g. <c>https://123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn</c>.</param>
/// <param name="ExpiresAt">When the token expires.</param>
public sealed record EcrAuthorizationToken(string Username, string Password, Uri ProxyEndpoint, DateTimeOffset ExpiresAt)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"{Username}@{ProxyEndpoint} (expires {ExpiresAt:u})";
}
