using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>
/// A GitOps config repo that pipelines write to: bump an image, promote it between environments, roll it back.
/// Every change starts from a fresh single-branch clone and is re-applied to the new head when another push lands
/// first, so concurrent pipelines never lose each other's changes and history is never rewritten.
/// </summary>
/// <param name="settings">Which repo and branch, identity, retry bounds.</param>
/// <param name="runner">Runs git; its masker redacts the token.</param>
/// <param name="images">Checks the registry before writing a reference; required when a request verifies the image.</param>
/// <param name="pullRequests">Opens pull requests in pull-request mode.</param>
public sealed class ConfigRepo(ConfigRepoSettings settings, ProcessRunner runner, IImageExistence? images = null, PullRequestPublisher? pullRequests = null)
{
    readonly GitCli git = new(runner, settings.Token, settings.Url, settings.NetworkTimeout);

    delegate Task<PlannedChange?> Planner(Checkout checkout, CancellationToken ct);

    /// <summary>Writes the image into every reference under the environment's (or given) folder and commits it.</summary>
    public async Task<ConfigChange> BumpAsync(BumpRequest request, CancellationToken ct = default)
    {
        await VerifyAsync(request.Image, request.VerifyImage, ct).ConfigureAwait(false);
        var update = new ImageUpdate(request.Image, request.ImagePolicy);
        var time = request.SourceCommitTime?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        // Ordering needs the history of earlier bumps, so only then is the clone a full one.
        var ordered = request.SourceCommitTime is not null;
        string? superseded = null;
        var scope = new ChangeScope(request.Environment, request.ConfigPath, request.PushMode, request.DryRun, request.Image.Reference.Name) { FullHistory = ordered };
        var change = await ChangeAsync(scope, async (checkout, token) =>
            {
                if (ordered)
                {
                    var log = await git.LogAsync(checkout.Root, token).ConfigureAwait(false);
                    superseded = BumpOrdering.Refusal(log, request, checkout.Environment?.Name);
                    if (superseded is not null)
                        return null;
                }
                return PlanBump(checkout, update, settings.MessageTemplate, request.SourceCommit, request.BuildUrl,
                    (CommitMessage.SourceCommitTimeTrailer, time), (CommitMessage.SourceBranchTrailer, request.SourceBranch));
            }, ct).ConfigureAwait(false);
        if (superseded is not null)
            return change with { Outcome = ChangeOutcome.Superseded, Summary = superseded };
        return change.Image is null && change.Outcome == ChangeOutcome.AlreadyCurrent ? change with { Image = request.Image.Reference } : change;
    }

    /// <summary>Copies the reference the source environment runs into the target environment; with a
    /// <see cref="PromoteRequest.RequiredSoak"/>, only when a recorded verification shows it soaked that long there.</summary>
    /// <exception cref="UnverifiedPromotionException">It was not verified for the required soak, and the promotion was not forced.</exception>
    public async Task<ConfigChange> PromoteAsync(PromoteRequest request, CancellationToken ct = default)
    {
        var name = ImageTarget.Create(request.ImageRepository, "promote").Reference.Name;
        if (request.RequiredSoak is { } required && (required < TimeSpan.Zero || required == Timeout.InfiniteTimeSpan))
            throw new InvalidInputException(GitOpsInputs.RequiredSoak, $"{required} is not a duration", $"give e.g. 00:05:00");
        ImageReference? promoted = null;
        PromotionEvidence? evidence = null;
        // The gate reads records on older config commits, so it needs the branch's history.
        var scope = new ChangeScope(request.To, null, request.PushMode, request.DryRun, name)
        {
            EnvironmentInput = GitOpsInputs.TargetEnvironment,
            FullHistory = request.RequiredSoak is not null,
        };
        var change = await ChangeAsync(scope, async (checkout, token) =>
        {
            var from = EnvironmentCatalog.Load(checkout.Root).Resolve(request.From, GitOpsInputs.SourceEnvironment);
            var found = InEnvironment(from, GitOpsInputs.SourceEnvironment, () => ConfigTreeEditor.Find(checkout.Root, NormalizePath(from.ConfigPath), request.ImageRepository));
            if (found.Count != 1)
                throw new PromotionSourceException(from.Name, request.ImageRepository,
                    found.Count == 0 ? "runs no reference" : $"runs {found.Count} different references ({string.Join(", ", found)})");
            var image = ImageTarget.Create(request.ImageRepository, found[0].Tag, found[0].Digest);
            promoted = image.Reference;
            if (request.RequiredSoak is { } soak)
                evidence = await new PromotionGate(git).CheckAsync(checkout.Root, from, image.Reference, soak, request.ForceUnverified, token).ConfigureAwait(false);
            return PlanBump(checkout, new ImageUpdate(image), "promote({name}): {from} → {to} [{environment}]", null, request.BuildUrl,
                ("Promoted-From", from.Name));
        }, ct).ConfigureAwait(false);
        // Already current: the target environment runs the promoted image, which the caller may still wait for.
        return (change.Image is null ? change with { Image = promoted } : change) with { Verification = evidence };
    }

    /// <summary>
    /// Reverts the newest bump of the image in the environment (or the bump <see cref="RollbackRequest.Commit"/> names) with a
    /// new commit, even when unrelated commits came after it; or with <see cref="RollbackRequest.ToTag"/> bumps back to that tag.
    /// </summary>
    public async Task<ConfigChange> RollbackAsync(RollbackRequest request, CancellationToken ct = default)
    {
        if (request.ToTag is not null)
        {
            var image = ImageTarget.Create(request.ImageRepository, request.ToTag, request.ToDigest, GitOpsInputs.RollbackTag, GitOpsInputs.RollbackDigest);
            await VerifyAsync(image, request.VerifyImage, ct).ConfigureAwait(false);
            var scope = new ChangeScope(request.Environment, request.ConfigPath, request.PushMode, request.DryRun, image.Reference.Name);
            return await ChangeAsync(scope,
                (checkout, _) => Task.FromResult(PlanBump(checkout, new ImageUpdate(image), "rollback({name}): {from} → {to} [{environment}]", null, request.BuildUrl)),
                ct).ConfigureAwait(false);
        }
        var repository = ImageTarget.Create(request.ImageRepository, "rollback").Repository;
        var revert = new ChangeScope(request.Environment, null, request.PushMode, request.DryRun, ImageReference.Parse(repository).Name) { FullHistory = true };
        return await ChangeAsync(revert, (checkout, token) => PlanRevertAsync(checkout, repository, request.Commit, request.BuildUrl, token), ct).ConfigureAwait(false);
    }

    async Task<PlannedChange?> PlanRevertAsync(Checkout checkout, string repository, string? commit, string? buildUrl, CancellationToken ct)
    {
        var log = await git.LogAsync(checkout.Root, ct).ConfigureAwait(false);
        var reverted = log.Select(c => c.Trailer(CommitMessage.RevertsTrailer)).OfType<string>().ToHashSet();
        var environment = checkout.Environment?.Name;
        var bump = log.FirstOrDefault(c => c.Trailer(CommitMessage.TagTrailer) is not null &&
                                           c.Trailer(CommitMessage.RepositoryTrailer) == repository &&
                                           c.Trailer(CommitMessage.EnvironmentTrailer) == environment &&
                                           (commit is null || c.Sha == commit) &&
                                           !reverted.Contains(c.Sha))
                   ?? throw new BumpNotFoundException(repository, environment);
        var (applied, conflicts) = await git.RevertWithoutCommitAsync(checkout.Root, bump.Sha, ct).ConfigureAwait(false);
        if (!applied)
            throw new RevertConflictException(bump.Sha, conflicts);
        if (!await git.HasChangesAsync(checkout.Root, ct).ConfigureAwait(false))
            return null;
        var undone = new ImageReference(repository, bump.Trailer(CommitMessage.TagTrailer), null);
        var subject = CommitMessage.Subject("rollback({name}): revert {to} [{environment}]", undone, null, environment);
        var body = $"This reverts commit {bump.Sha} ({bump.Subject}).";
        var message = CommitMessage.Compose(subject, body,
            (CommitMessage.RepositoryTrailer, repository), (CommitMessage.EnvironmentTrailer, environment),
            (CommitMessage.RevertsTrailer, bump.Sha), (CommitMessage.BuildUrlTrailer, buildUrl));
        var names = (await git.RunAsync(checkout.Root, ["diff", "--name-only", "HEAD"], ct: ct).ConfigureAwait(false)).StandardOutput;
        var files = names.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(f => new FileEdit(f, [])).ToList();
        // What the revert restores, so a caller can wait for exactly that image.
        var restored = ConfigTreeEditor.Find(checkout.Root, checkout.ConfigPath, repository);
        return new PlannedChange(subject, message, body, files, restored.Count == 1 ? restored[0] : null);
    }

    PlannedChange? PlanBump(Checkout checkout, ImageUpdate update, string template, string? sourceCommit, string? buildUrl,
        params (string Key, string? Value)[] extraTrailers)
    {
        var edit = ConfigTreeEditor.EditTree(checkout.Root, checkout.ConfigPath, update);
        var files = edit.Files;
        if (files.Count == 0)
            return new PlannedChange("", "", "", []) { Links = edit.Links };
        var image = update.Image;
        var environment = checkout.Environment?.Name;
        var subject = CommitMessage.Subject(template, image.Reference, PreviousTag(files[0].Changes[0].Before), environment);
        var count = files.Sum(f => f.Changes.Count);
        var description = $"Writes `{image}` into {count} reference{(count == 1 ? "" : "s")} in {files.Count} file{(files.Count == 1 ? "" : "s")}" +
                          (environment is null ? "." : $" of environment `{environment}`.") +
                          (sourceCommit is null ? "" : $"\n\nSource commit: {sourceCommit}");
        var message = CommitMessage.Compose(subject, null,
            [(CommitMessage.RepositoryTrailer, image.Repository), (CommitMessage.TagTrailer, image.Tag),
             (CommitMessage.DigestTrailer, image.Digest), (CommitMessage.EnvironmentTrailer, environment),
             (CommitMessage.SourceCommitTrailer, sourceCommit), (CommitMessage.BuildUrlTrailer, buildUrl), .. extraTrailers]);
        return new PlannedChange(subject, message, description, files, image.Reference) { Links = edit.Links };
    }

    static string? PreviousTag(string before)
    {
        if (before.Length == 0)
            return null;
        if (before.StartsWith("sha256:", StringComparison.Ordinal))
            return before[..14];
        return before.Contains('/') || before.Contains(':') ? ImageReference.Parse(before).Tag ?? before : before;
    }

    async Task VerifyAsync(ImageTarget image, bool verify, CancellationToken ct)
    {
        if (!verify)
            return;
        if (images is null)
            throw new InvalidOperationException("VerifyImage is set but no IImageExistence was given to ConfigRepo.");
        if (!await images.ExistsAsync(image.Reference, ct).ConfigureAwait(false))
            throw new ImageNotFoundException(image.ToString());
    }

    /// <summary>Runs the change; links the edit left as they are are said in the summary, never passed over in silence.</summary>
    async Task<ConfigChange> ChangeAsync(ChangeScope scope, Planner plan, CancellationToken ct)
    {
        IReadOnlyList<string> links = [];
        var change = await ChangeInCloneAsync(scope, async (checkout, token) =>
        {
            var planned = await plan(checkout, token).ConfigureAwait(false);
            links = planned?.Links ?? [];
            return planned;
        }, ct).ConfigureAwait(false);
        return links.Count == 0 ? change : change with { Summary = change.Summary + LinksNote(links), Links = links };
    }

    static string LinksNote(IReadOnlyList<string> links)
    {
        const int Shown = 5;
        var named = string.Join(", ", links.Take(Shown));
        return $"; left {links.Count} link{(links.Count == 1 ? "" : "s")} as {(links.Count == 1 ? "it is" : "they are")} (links are never followed): " +
               named + (links.Count > Shown ? $" and {links.Count - Shown} more" : "");
    }

    async Task<ConfigChange> ChangeInCloneAsync(ChangeScope scope, Planner plan, CancellationToken ct)
    {
        var (dryRun, fullHistory, imageName) = (scope.DryRun, scope.FullHistory, scope.ImageName);
        // Every change edits or searches the clone; the editor's one-time set-up runs while git clones.
        ConfigTreeEditor.Prepare();
        // Untrusted values are checked against git's own grammar before git sees them.
        GitRemoteUrl.Check(settings.Url, GitOpsInputs.ConfigRepo);
        await GitRefName.CheckBranchAsync(runner, settings.Branch, GitOpsInputs.ConfigBranch, ct).ConfigureAwait(false);
        var root = Path.Combine(Path.GetTempPath(), "pipelines-config-" + Guid.NewGuid().ToString("N")[..12]);
        // Opened before the clone: a key that cannot sign, or a wrong passphrase, fails before the config repo is touched.
        await using var signer = settings.SigningKey is { } key && !dryRun
            ? await CommitSigner.OpenAsync(key, settings.Identity.Email, runner, ct).ConfigureAwait(false)
            : null;
        try
        {
            await git.CloneAsync(settings.Url, settings.Branch, root, fullHistory, ct).ConfigureAwait(false);
            var environment = scope.Environment is null ? null : EnvironmentCatalog.Load(root).Resolve(scope.Environment, scope.EnvironmentInput);
            var path = scope.ConfigPath is not null || environment is null
                ? ConfigFolder(root, scope.ConfigPath)
                : InEnvironment(environment, scope.EnvironmentInput, () => ConfigFolder(root, environment.ConfigPath));
            var pushMode = scope.PushMode ?? environment?.PushMode ?? PushMode.Push;
            var checkout = new Checkout(root, path, environment);
            for (var attempt = 1; ; attempt++)
            {
                if (attempt > 1)
                    await git.ResetToRemoteAsync(root, settings.Branch, fullHistory, ct).ConfigureAwait(false);
                var planned = await plan(checkout, ct).ConfigureAwait(false);
                if (planned is null || planned.Files.Count == 0)
                    return new ConfigChange(ChangeOutcome.AlreadyCurrent, "the config already points at that image; nothing to commit",
                        null, [], "", null, attempt, environment);
                if (dryRun)
                {
                    var preview = await git.DiffAsync(root, ct: ct).ConfigureAwait(false);
                    return new ConfigChange(ChangeOutcome.DryRun, "dry run: " + planned.Subject, null, planned.Files, preview, null, attempt, environment) { Image = planned.Image };
                }
                // Through the GitHub API, GitHub makes (and signs) the commit; the local one only says what it must hold.
                var throughGitHub = pushMode == PushMode.PullRequest && settings.CommitThroughGitHub;
                var localSigner = throughGitHub ? null : signer;
                // Every attempt commits anew, so a change re-applied on a new head is signed like the first.
                var commit = await git.CommitAllAsync(root, planned.Message, settings.Identity, localSigner, ct).ConfigureAwait(false);
                if (localSigner is not null)
                    await git.VerifyCommitAsync(root, commit, localSigner, ct).ConfigureAwait(false);
                var signature = localSigner is null ? "" : $", signed with {localSigner.Description}";
                if (pushMode == PushMode.PullRequest)
                {
                    var diff = await git.DiffAsync(root, "HEAD~1", "HEAD", ct).ConfigureAwait(false);
                    var branch = $"deploy/{environment?.Name ?? "config"}/{imageName}";
                    await GitRefName.CheckBranchAsync(runner, branch, scope.EnvironmentInput, ct).ConfigureAwait(false);
                    // The token is checked before the branch is pushed, so a refused token leaves the config repo as it was.
                    await CheckPullRequestAccessAsync(ct).ConfigureAwait(false);
                    if (throughGitHub)
                    {
                        var made = await CommitThroughGitHubAsync(root, commit, branch, ct).ConfigureAwait(false);
                        commit = made.Sha;
                        signature = made.Verified ? ", verified by GitHub" : $", not signed by GitHub ({made.Reason ?? "no verification"})";
                    }
                    else if (await git.PushAsync(root, settings.Url, branch, force: true, ct).ConfigureAwait(false) != PushOutcome.Pushed)
                    {
                        // A forced update of our own branch is not a race with other pushes to the config branch: retrying cannot help.
                        throw new ConfigRepoAccessException(settings.Url, $"refused the forced update of pull-request branch '{branch}' (non-fast-forward updates denied?)");
                    }
                    var pull = await PublishAsync(planned, branch, diff, environment, ct).ConfigureAwait(false);
                    return new ConfigChange(ChangeOutcome.PullRequest,
                        $"{planned.Subject} (pull request #{pull.Number}{(pull.Reused ? ", updated" : "")}{(pull.AutoMerge is { } merge ? ", auto-merge " + merge : "")}{signature})",
                        pull.MergeCommit ?? commit, planned.Files, diff, pull, attempt, environment) { Branch = pull.MergeCommit is null ? branch : settings.Branch, Image = planned.Image };
                }
                else if (await PushOnceAsync(root, commit, ct).ConfigureAwait(false))
                {
                    var diff = await git.DiffAsync(root, "HEAD~1", "HEAD", ct).ConfigureAwait(false);
                    return new ConfigChange(ChangeOutcome.Pushed, $"{planned.Subject} ({CommitMessage.Short(commit)}{signature})", commit, planned.Files, diff, null, attempt, environment) { Branch = settings.Branch, Image = planned.Image };
                }
                if (attempt >= settings.MaxPushAttempts)
                    throw new PushConflictException(settings.Branch, attempt);
                await Task.Delay(Backoff(attempt), ct).ConfigureAwait(false);
            }
        }
        finally
        {
            DeleteTree(root);
        }
    }

    /// <summary>
    /// Pushes the commit to the config branch. When the connection drops mid-push the remote may already have taken it:
    /// the remote branch then points at our commit, and pushing again would be a duplicate, so that counts as pushed.
    /// Otherwise the caller re-plans on the new head, where an already-landed change plans to nothing.
    /// </summary>
    async Task<bool> PushOnceAsync(string root, string commit, CancellationToken ct)
    {
        var outcome = await git.PushAsync(root, settings.Url, settings.Branch, force: false, ct).ConfigureAwait(false);
        if (outcome == PushOutcome.Interrupted)
            return await git.RemoteHeadAsync(root, settings.Branch, ct).ConfigureAwait(false) == commit;
        return outcome == PushOutcome.Pushed;
    }

    async Task<GitHubCommit> CommitThroughGitHubAsync(string root, string commit, string branch, CancellationToken ct)
    {
        var (owner, name) = GitHubRepository();
        var local = await git.ReadCommitAsync(root, commit, ct).ConfigureAwait(false);
        return await PullRequests.CreateCommitAsync(owner, name, branch, local, ct).ConfigureAwait(false);
    }

    async Task CheckPullRequestAccessAsync(CancellationToken ct)
    {
        var (owner, name) = GitHubRepository();
        await PullRequests.CheckAccessAsync(owner, name, ct).ConfigureAwait(false);
    }

    PullRequestPublisher PullRequests => pullRequests
        ?? throw new GitHubAccessException(FailureKind.BadInput, $"is missing, and pull-request mode needs it", $"give a {GitOpsInputs.GitHubToken}, or set the {GitOpsInputs.PushMode} to push");

    async Task<PullRequestInfo> PublishAsync(PlannedChange planned, string branch, string diff, DeploymentEnvironment? environment, CancellationToken ct)
    {
        var (owner, name) = GitHubRepository();
        var body = $"{planned.Description}\n\n```diff\n{diff.TrimEnd()}\n```\n";
        var labels = settings.PullRequestLabels.Concat(environment is null ? [] : [$"env:{environment.Name}"]).ToList();
        return await PullRequests.PublishAsync(new PullRequestDraft(owner, name, branch, settings.Branch, planned.Subject, body, labels, settings.AutoMerge), ct).ConfigureAwait(false);
    }

    GitHubRepositoryName GitHubRepository()
    {
        var text = settings.GitHubRepository ?? settings.Url;
        return GitHubRepositoryName.TryParse(text, out var name)
            ? name
            : throw new InvalidInputException(GitOpsInputs.GitHubRepository, $"cannot be read from '{text}'", $"give the config repo's owner/name on GitHub");
    }

    TimeSpan Backoff(int attempt)
    {
        var exponential = settings.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 10));
        var capped = Math.Min(exponential, settings.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + Random.Shared.NextDouble()));
    }

    /// <summary>The folder a change edits, normalised, refused when it leads outside the clone (also through a link)
    /// or does not exist.</summary>
    string ConfigFolder(string root, string? path)
    {
        var normalized = NormalizePath(path);
        var (_, folder) = ConfigTree.Resolve(root, normalized);
        if (normalized.Length > 0 && !Directory.Exists(folder))
            throw new ConfigPathNotFoundException(normalized, $"does not exist on branch '{settings.Branch}' of the config repo");
        return normalized;
    }

    /// <summary>Runs <paramref name="work"/> on the environment's folder; a refused folder is said to be the environment's,
    /// since the user named the environment, not the folder.</summary>
    static T InEnvironment<T>(DeploymentEnvironment environment, Input input, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (ConfigPathNotFoundException ex) when (ReferenceEquals(ex.Input, GitOpsInputs.ConfigPath))
        {
            throw new ConfigPathNotFoundException(environment.Name, $"has the path '{ex.Path}', which {ex.Reason}", input);
        }
    }

    static string NormalizePath(string? path)
    {
        var normalized = (path ?? "").Replace('\\', '/').Trim('/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
            normalized = normalized[2..];
        if (normalized == ".")
            return "";
        if (normalized.Split('/').Contains(".."))
            throw new ConfigPathNotFoundException(normalized, "leads outside the config repo");
        return normalized;
    }

    static void DeleteTree(string root)
    {
        try
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp clone is harmless; the change itself already succeeded or failed.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
