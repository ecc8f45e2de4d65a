namespace Pipelines.CiGeneration;

/// <summary>
/// Declares a declarative <c>Jenkinsfile</c>, written by <c>./build.sh --generate-ci</c>, with one stage per
/// <see cref="CiJobAttribute"/> job boundary.
/// </summary>
/// <example><code>
/// [Jenkins(InvokedTargets = [nameof(Release)],
///     KubernetesPodTemplate = "deploy/jenkins-agent-pod.yaml",
///     ImportSecrets = [nameof(RegistryPassword)],
///     ConfigRepoToken = nameof(IConfigRepoParameters.GitHubToken), ConfigRepoCredential = "config-repo-app",
///     ConfigRepoCredentialKind = JenkinsCredentialKind.GitHubApp,
///     SigningKeyFile = nameof(IConfigRepoParameters.SigningKeyFile), SigningKeyCredential = "config-repo-signing-key",
///     TimeoutMinutes = 60, GitHubPush = true)]
/// </code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class JenkinsAttribute : Attribute
{
    /// <summary>Targets the pipeline runs; the build's default targets when empty.</summary>
    public string[] InvokedTargets { get; init; } = [];

    /// <summary>Agent label; with neither this nor <see cref="KubernetesPodTemplate"/> the pipeline runs on any agent.</summary>
    public string? AgentLabel { get; init; }

    /// <summary>Parameter profiles every stage selects (<c>--profile ecr-cn</c> reads <c>.nuke/parameters.ecr-cn.json</c>).</summary>
    public string[] Profiles { get; init; } = [];

    /// <summary>A Kubernetes pod template in the repository (relative path) the agent runs in.</summary>
    public string? KubernetesPodTemplate { get; init; }

    /// <summary>The pod template's container the steps run in.</summary>
    public string? KubernetesDefaultContainer { get; init; }

    /// <summary>Secret parameters (member or kebab names) bound with <c>withCredentials</c> from the Jenkins
    /// secret-text credential of the same kebab name (<c>ConfigRepoToken</c> reads <c>config-repo-token</c>).</summary>
    public string[] ImportSecrets { get; init; } = [];

    /// <summary>The secret parameter (member or kebab name) that carries the token writing to the config repo, e.g.
    /// <c>nameof(IConfigRepoParameters.GitHubToken)</c>; bound from <see cref="ConfigRepoCredential"/>.</summary>
    public string? ConfigRepoToken { get; init; }

    /// <summary>The Jenkins credential id <see cref="ConfigRepoToken"/> is bound from; the parameter's kebab name when null.</summary>
    public string? ConfigRepoCredential { get; init; }

    /// <summary>What kind of credential <see cref="ConfigRepoCredential"/> is: a secret-text token (the default) or a GitHub App
    /// credential of the GitHub Branch Source plugin, whose password is an installation token Jenkins mints per build.</summary>
    public JenkinsCredentialKind ConfigRepoCredentialKind { get; init; } = JenkinsCredentialKind.SecretText;

    /// <summary>The parameter (member or kebab name) that takes the path of the private key file signing config-repo commits,
    /// e.g. <c>nameof(IConfigRepoParameters.SigningKeyFile)</c>; bound from <see cref="SigningKeyCredential"/>, whose binding
    /// writes the key to a temporary file for the length of the step. Unsigned when null.</summary>
    public string? SigningKeyFile { get; init; }

    /// <summary>The Jenkins credential id holding the signing key.</summary>
    public string SigningKeyCredential { get; init; } = "config-repo-signing-key";

    /// <summary>What kind of credential <see cref="SigningKeyCredential"/> is: an SSH private key (the default) or a secret file
    /// holding an OpenPGP secret key.</summary>
    public JenkinsSigningKeyKind SigningKeyCredentialKind { get; init; } = JenkinsSigningKeyKind.SshPrivateKey;

    /// <summary>The secret parameter that carries the signing key's passphrase, e.g.
    /// <c>nameof(IConfigRepoParameters.SigningKeyPassphrase)</c>: the SSH credential's own passphrase, or for a secret file the
    /// secret-text credential <see cref="SigningKeyPassphraseCredential"/>. None when null.</summary>
    public string? SigningKeyPassphrase { get; init; }

    /// <summary>With <see cref="JenkinsSigningKeyKind.SecretFile"/>: the secret-text credential holding the key's passphrase;
    /// <see cref="SigningKeyCredential"/> with <c>-passphrase</c> appended when null.</summary>
    public string? SigningKeyPassphraseCredential { get; init; }

    /// <summary>Minutes before Jenkins aborts the build; 0 sets no timeout.</summary>
    public int TimeoutMinutes { get; init; }

    /// <summary>Never run two builds of this branch at once.</summary>
    public bool DisableConcurrentBuilds { get; init; } = true;

    /// <summary>Start on a GitHub push webhook (<c>githubPush()</c>).</summary>
    public bool GitHubPush { get; init; }

    /// <summary>Poll the repository on this cron schedule (<c>pollSCM</c>).</summary>
    public string? PollScm { get; init; }

    /// <summary>Start on this cron schedule.</summary>
    public string? Cron { get; init; }

    /// <summary>Files to archive after every run (Ant pattern); none when empty.</summary>
    public string? ArchiveArtifacts { get; init; } = "artifacts/**";

    /// <summary>JUnit XML reports to publish after every run (Ant pattern); none when empty.</summary>
    public string? JUnitReports { get; init; }
}
