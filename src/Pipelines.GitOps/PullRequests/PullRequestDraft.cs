namespace Pipelines.GitOps;

/// <summary>What to open: the branch already pushed, the base, and the text.</summary>
/// <param name="Owner">Repository owner (user or organisation).</param>
/// <param name="Repository">Repository name.</param>
/// <param name="Head">The pushed branch.</param>
/// <param name="Base">The branch to merge into.</param>
/// <param name="Title">Title.</param>
/// <param name="Body">Markdown body.</param>
/// <param name="Labels">Labels to add.</param>
/// <param name="AutoMerge">Turn on auto-merge with this method; off when null.</param>
public sealed record PullRequestDraft(string Owner, string Repository, string Head, string Base, string Title, string Body, IReadOnlyList<string> Labels,
    AutoMergeMethod? AutoMerge = null);
