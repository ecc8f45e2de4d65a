namespace Pipelines.GitOps;

/// <summary>The author and committer of config-repo commits.</summary>
/// <param name="Name">user.name.</param>
/// <param name="Email">user.email.</param>
public sealed record GitIdentity(string Name, string Email)
{
    /// <summary>The identity used when none is given.</summary>
    public static GitIdentity Default { get; } = new("Pipelines", "pipelines@users.noreply.github.com");
}
