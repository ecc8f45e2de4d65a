namespace Pipelines.GitOps;

/// <summary>Which config repo to change, as whom, and how hard to try.</summary>
/// <param name="Url">A git URL (https, ssh, git://) or a local path.</param>
public sealed record ConfigRepoSettings(string Url)
{
    /// <summary>The branch Flux follows.</summary>
    public string Branch { get; init; } = "main";

    /// <summary>Author and committer of the commits.</summary>
    public GitIdentity Identity { get; init; } = GitIdentity.Default;

    /// <summary>HTTPS token for the remote (sent as a header, masked everywhere); null to rely on git's own credentials.</summary>
    public string? Token { get; init; }

    /// <summary>How long git may wait for the server: the connect and idle bound of every network command (see
    /// <see cref="GitNetworkBounds"/>); one minute when null.</summary>
    public TimeSpan? NetworkTimeout { get; init; }

    /// <summary>Subject template; placeholders <c>{name} {repository} {from} {to} {tag} {digest} {environment}</c>.</summary>
    public string MessageTemplate { get; init; } = CommitMessage.DefaultTemplate;

    /// <summary>How many times a push is tried before giving up when other pushes keep landing first.</summary>
    public int MaxPushAttempts { get; init; } = 30;

    /// <summary>First delay between tries; it doubles (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest delay between tries.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>owner/name</c> of the repository on GitHub for pull requests; derived from <see cref="Url"/> when null.</summary>
    public string? GitHubRepository { get; init; }

    /// <summary>Labels put on pull requests (an <c>env:&lt;name&gt;</c> label is added per environment).</summary>
    public IReadOnlyList<string> PullRequestLabels { get; init; } = ["deploy"];

    /// <summary>The key every commit is signed with (and verified against before it is pushed); unsigned when null.</summary>
    public CommitSigningKey? SigningKey { get; init; }

    /// <summary>In pull-request mode, create the pull request's commit through the GitHub API instead of pushing it: GitHub
    /// signs it and marks it verified, with the same tree the local commit has. Needs the pull-request publisher.</summary>
    public bool CommitThroughGitHub { get; init; }

    /// <summary>Turn on GitHub's auto-merge for the pull requests opened, with this method; off when null.</summary>
    public AutoMergeMethod? AutoMerge { get; init; }
}
