using Pipelines.GitOps;

namespace Pipelines.Components;

/// <summary>The GitOps config repo a CD target writes to, and how: shared by BumpConfigRepo, Promote and Rollback.</summary>
public interface IConfigRepoParameters : IImageParameters
{
    /// <summary>The config repo.</summary>
    [Parameter("GitOps config repo: a git URL (https, ssh, git://) or a local path")]
    string? ConfigRepo => TryGetValue(() => ConfigRepo);

    /// <summary>The branch Flux follows.</summary>
    [Parameter("Branch of the config repo that Flux applies")]
    string ConfigBranch => TryGetValue(() => ConfigBranch) ?? "main";

    /// <summary>The bound on git's waits for the config repo's server.</summary>
    [Parameter("How long git may wait for the config repo's server: the connect and idle bound over https and ssh, and the whole command over git:// (which has no idle bound), e.g. 00:01:00")]
    TimeSpan GitTimeout => TryGetValue(() => GitTimeout) ?? GitNetworkBounds.DefaultTimeout;

    /// <summary>Sub-folder to edit.</summary>
    [Parameter("Folder of the config repo to edit (relative to its root); defaults to the environment's folder, else the whole repo")]
    string? ConfigPath => TryGetValue(() => ConfigPath);

    /// <summary>The environment.</summary>
    [Parameter("Environment to change, as defined by the config repo's environments.yaml (or a folder clusters/<name>)")]
    string? Environment => TryGetValue(() => Environment);

    /// <summary>Push directly or through a pull request.</summary>
    [Parameter("How the change lands: push (direct, retried on races) or pull-request; defaults to the environment's mode, else push")]
    PushMode? PushMode => TryGetValue<PushMode>(() => PushMode);

    /// <summary>Registry check before writing.</summary>
    [Parameter("Refuse to write a reference the registry does not have (HEAD on the manifest)")]
    bool VerifyImage => TryGetValue(() => VerifyImage) ?? true;

    /// <summary>Flux setter marker policy.</summary>
    [Parameter("Flux image policy <namespace>:<name>: set only fields marked # {\"$imagepolicy\": ...} for it")]
    string? ImagePolicy => TryGetValue(() => ImagePolicy);

    /// <summary>Print the diff, change nothing.</summary>
    [Parameter("Print the diff of the config change and commit nothing")]
    bool DryRun => TryGetValue(() => DryRun) ?? false;

    /// <summary>Commit author name.</summary>
    [Parameter("Author name of config-repo commits")]
    string GitUserName => TryGetValue(() => GitUserName) ?? GitIdentity.Default.Name;

    /// <summary>Commit author email.</summary>
    [Parameter("Author email of config-repo commits")]
    string GitUserEmail => TryGetValue(() => GitUserEmail) ?? GitIdentity.Default.Email;

    /// <summary>Subject template.</summary>
    [Parameter("Commit subject template; placeholders {name} {repository} {from} {to} {tag} {digest} {environment}")]
    string CommitMessageTemplate => TryGetValue(() => CommitMessageTemplate) ?? CommitMessage.DefaultTemplate;

    /// <summary>GitHub token.</summary>
    [Parameter("GitHub token: pushes over HTTPS and opens pull requests", Name = "github-token", EnvironmentVariable = "GITHUB_TOKEN")]
    [Secret]
    string? GitHubToken => TryGetValue(() => GitHubToken);

    /// <summary>The key that signs config-repo commits, as text.</summary>
    [Parameter("Private key that signs config-repo commits, as text: an SSH key (git's gpg.format=ssh) or an OpenPGP secret key; or give --signing-key-file")]
    [Secret]
    string? SigningKey => TryGetValue(() => SigningKey);

    /// <summary>The file holding the key that signs config-repo commits.</summary>
    [Parameter("File holding the private key (SSH or OpenPGP) that signs config-repo commits, instead of --signing-key")]
    string? SigningKeyFile => TryGetValue(() => SigningKeyFile);

    /// <summary>The signing key's passphrase.</summary>
    [Parameter("Passphrase of the signing key, when it has one")]
    [Secret]
    string? SigningKeyPassphrase => TryGetValue(() => SigningKeyPassphrase);

    /// <summary>Pull-request commits made by GitHub.</summary>
    [Parameter("In pull-request mode, create the commit through the GitHub API instead of pushing it: GitHub signs it and marks it verified, no signing key needed (needs --github-token)",
        Name = "commit-through-github")]
    bool CommitThroughGitHub => TryGetValue(() => CommitThroughGitHub) ?? false;

    /// <summary>The signing key these parameters give; null when none is given.</summary>
    CommitSigningKey? GivenSigningKey()
    {
        Secrets.Add(SigningKey);
        Secrets.Add(SigningKeyPassphrase);
        return GitOps.CommitSigningKey.From(SigningKey, SigningKeyFile is { Length: > 0 } file ? Path.GetFullPath(file, RootDirectory) : null, SigningKeyPassphrase);
    }

    /// <summary>GitHub Enterprise base URL.</summary>
    [Parameter("GitHub Enterprise base URL, e.g. https://github.example.com; github.com when omitted", Name = "github-url")]
    Uri? GitHubUrl => TryGetValue(() => GitHubUrl);

    /// <summary>How long GitHub may take to answer.</summary>
    [Parameter("How long GitHub may take to answer one request before it counts as not answering, e.g. 30s (connecting: 10 s)", Name = "github-timeout")]
    TimeSpan GitHubTimeout => TryGetValue(() => GitHubTimeout) ?? GitOps.PullRequestPublisher.DefaultAnswerBound;

    /// <summary>owner/name on GitHub.</summary>
    [Parameter("owner/name of the config repo on GitHub for pull requests; derived from --config-repo when omitted", Name = "github-repository")]
    string? GitHubRepository => TryGetValue(() => GitHubRepository);

    /// <summary>Auto-merge for pull requests.</summary>
    [Parameter("Turn on GitHub auto-merge for the pull requests opened (Merge, Squash or Rebase): GitHub merges once reviews and checks pass; omit to leave merging to people")]
    AutoMergeMethod? AutoMerge => TryGetValue<AutoMergeMethod>(() => AutoMerge);
}
