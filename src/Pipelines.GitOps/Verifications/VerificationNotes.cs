using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>
/// The verifications recorded in a config repo: git notes on the config commits environments ran, under
/// <see cref="NotesRef"/>, pushed to the config repo with the bumper's transport (token in git's environment, pinned
/// transports, network bounds). Writers race like bumps do: each attempt starts from the remote's notes, adds its line to the
/// commit's note, and pushes without forcing; a rejected push fetches and re-applies on the new notes, so no environment's
/// record is ever lost to another's.
/// </summary>
/// <param name="settings">The config repo, its token and bounds, and the identity notes are committed as.</param>
/// <param name="runner">Runs git; its masker redacts the token.</param>
public sealed class VerificationNotes(ConfigRepoSettings settings, ProcessRunner runner)
{
    /// <summary>The notes ref the records live under.</summary>
    public const string NotesRef = "refs/notes/pipelines/verifications";

    /// <summary>The largest note read back; a bigger one is not a record (it is not read at all).</summary>
    public const int MaxNoteBytes = 256 * 1024;

    const string FetchedRef = "refs/notes/pipelines/fetched-verifications";

    readonly GitCli git = new(runner, settings.Token, settings.Url, settings.NetworkTimeout);

    /// <summary>Adds <paramref name="record"/> to the note of its config commit and pushes the notes. A record without a full
    /// config commit id is put on the config branch's head (whose files a reader checks name the image).</summary>
    /// <exception cref="PushConflictException">Other writers kept landing first for every attempt.</exception>
    public async Task<VerificationNote> AppendAsync(VerificationRecord record, CancellationToken ct = default)
    {
        GitRemoteUrl.Check(settings.Url, GitOpsInputs.ConfigRepo);
        await GitRefName.CheckBranchAsync(runner, settings.Branch, GitOpsInputs.ConfigBranch, ct).ConfigureAwait(false);
        var root = Path.Combine(Path.GetTempPath(), "pipelines-notes-" + Guid.NewGuid().ToString("N")[..12]);
        var url = Directory.Exists(settings.Url) ? Path.GetFullPath(settings.Url) : settings.Url;
        try
        {
            await git.RunAsync(Path.GetTempPath(), ["init", "--quiet", "--", root], ct: ct).ConfigureAwait(false);
            await git.RunAsync(root, ["remote", "add", "origin", url], ct: ct).ConfigureAwait(false);
            if (!VerificationRecord.IsSha(record.ConfigCommit))
                record = record with
                {
                    ConfigCommit = await git.RemoteRefAsync(root, "refs/heads/" + settings.Branch, ct).ConfigureAwait(false)
                        ?? throw new ConfigRepoAccessException(settings.Url, $"has no branch '{settings.Branch}' to record the verification on"),
                };
            var line = record.ToLine();
            for (var attempt = 1; ; attempt++)
            {
                if (await git.FetchRefAsync(root, NotesRef, FetchedRef, ct).ConfigureAwait(false))
                    await git.RunAsync(root, ["update-ref", NotesRef, FetchedRef], ct: ct).ConfigureAwait(false);
                else
                    await git.RunAsync(root, ["update-ref", "-d", NotesRef], throwOnError: false, ct: ct).ConfigureAwait(false);
                var existing = await git.RunAsync(root, ["notes", "--ref", NotesRef, "show", record.ConfigCommit], throwOnError: false, ct: ct).ConfigureAwait(false);
                var lines = (existing.ExitCode == 0 ? existing.StandardOutput : "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Append(line).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
                await git.RunAsync(root, ["-c", "user.name=" + settings.Identity.Name, "-c", "user.email=" + settings.Identity.Email, "-c", "commit.gpgsign=false",
                    "notes", "--ref", NotesRef, "add", "--force", "--file", "-", record.ConfigCommit], input: string.Join('\n', lines) + "\n", ct: ct).ConfigureAwait(false);
                var ours = (await git.RunAsync(root, ["rev-parse", "--verify", NotesRef], ct: ct).ConfigureAwait(false)).StandardOutput.Trim();
                var outcome = await git.PushRefAsync(root, settings.Url, NotesRef, NotesRef, ct).ConfigureAwait(false);
                if (outcome == PushOutcome.Pushed
                    || (outcome == PushOutcome.Interrupted && await git.RemoteRefAsync(root, NotesRef, ct).ConfigureAwait(false) == ours))
                    return new VerificationNote(record.ConfigCommit, attempt);
                if (attempt >= settings.MaxPushAttempts)
                    throw new PushConflictException(NotesRef, attempt);
                var delay = Math.Min(settings.RetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 10)), settings.MaxRetryDelay.TotalMilliseconds);
                await Task.Delay(TimeSpan.FromMilliseconds(delay * (0.5 + Random.Shared.NextDouble())), ct).ConfigureAwait(false);
            }
        }
        finally
        {
            try { if (Directory.Exists(root)) Directory.Delete(root, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
