namespace Pipelines.CiGeneration;

/// <summary>The kind of Jenkins credential the config repo's token comes from (<see cref="JenkinsAttribute.ConfigRepoCredentialKind"/>).</summary>
public enum JenkinsCredentialKind
{
    /// <summary>A secret-text credential holding a token, bound with <c>string(...)</c>.</summary>
    SecretText,

    /// <summary>A GitHub App credential of the GitHub Branch Source plugin, bound with <c>usernamePassword(...)</c>: Jenkins
    /// mints an installation token for each build and hands it over as the password.</summary>
    GitHubApp,
}
