using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>What this library is given, as its failures name it. A caller maps these to its own parameter names.</summary>
public static partial class GitOpsInputs
{
    /// <summary>The config repo's URL or path.</summary>
    public static readonly Input ConfigRepo = new("config repo");

    /// <summary>The config repo's branch that Flux applies.</summary>
    public static readonly Input ConfigBranch = new("config branch");

    /// <summary>The folder of the config repo a change edits.</summary>
    public static readonly Input ConfigPath = new("config path");

    /// <summary>How long git may wait for the config repo's server: the connect and idle bound of every network command.</summary>
    public static readonly Input NetworkTimeout = new("git network timeout");

    /// <summary>The environment a bump or rollback changes.</summary>
    public static readonly Input Environment = new("environment");

    /// <summary>The environment a promotion copies from.</summary>
    public static readonly Input SourceEnvironment = new("source environment");

    /// <summary>The environment a promotion writes into.</summary>
    public static readonly Input TargetEnvironment = new("target environment");

    /// <summary>The image repository (registry host and path).</summary>
    public static readonly Input ImageRepository = new("image repository");

    /// <summary>The image tag written.</summary>
    public static readonly Input ImageTag = new("image tag");

    /// <summary>The image digest written.</summary>
    public static readonly Input ImageDigest = new("image digest");

    /// <summary>The tag a rollback goes back to.</summary>
    public static readonly Input RollbackTag = new("rollback tag");

    /// <summary>The digest of the tag a rollback goes back to.</summary>
    public static readonly Input RollbackDigest = new("rollback digest");

    /// <summary>The check that the registry has an image before it is written.</summary>
    public static readonly Input VerifyImage = new("image verification");

    /// <summary>The Flux image policy whose setter markers a bump follows.</summary>
    public static readonly Input ImagePolicy = new("image policy");

    /// <summary>How a change lands: pushed, or through a pull request.</summary>
    public static readonly Input PushMode = new("push mode");

    /// <summary>The GitHub token for pushes over HTTPS and pull requests.</summary>
    public static readonly Input GitHubToken = new("GitHub token");

    /// <summary>The config repo's owner/name on GitHub.</summary>
    public static readonly Input GitHubRepository = new("GitHub repository");

    /// <summary>The private key (SSH or OpenPGP) that signs config-repo commits, given as text.</summary>
    public static readonly Input SigningKey = new("signing key");

    /// <summary>The file holding the private key that signs config-repo commits.</summary>
    public static readonly Input SigningKeyFile = new("signing key file");

    /// <summary>The passphrase of the signing key.</summary>
    public static readonly Input SigningKeyPassphrase = new("signing key passphrase");

    /// <summary>Whether pull-request commits are created through the GitHub API (which signs them) instead of pushed.</summary>
    public static readonly Input CommitThroughGitHub = new("commits through the GitHub API");

    /// <summary>The app's name in a scaffolded config repo.</summary>
    public static readonly Input AppName = new("app name");

    /// <summary>The environments a scaffold creates.</summary>
    public static readonly Input Environments = new("environments");

    /// <summary>The AWS region a scaffold is written for.</summary>
    public static readonly Input Region = new("region");

    /// <summary>A file of the config repo, with its line when known (<c>clusters/dev/app.yaml:12</c>).</summary>
    public static Input File(string path, long? line = null) => Input.Named(line is null ? path : $"{path}:{line}");
}
