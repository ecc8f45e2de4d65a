using Pipelines.GitOps.Tests.Bumping;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Verifications;

/// <summary>
/// Verifications are git notes on the config commit, pushed to the config repo served by git daemon: one line per
/// verification, and writers that race (several environments verifying the same commit at once) never lose each other's line.
/// </summary>
public sealed class RecordingVerifications(GitDaemonFixture git) : IClassFixture<GitDaemonFixture>
{
    async Task<(string Url, string Repo, string Head)> RepoAsync()
    {
        var repo = "vr-" + Guid.NewGuid().ToString("N")[..6];
        var url = await git.Daemon.CreateRepositoryAsync(repo, new Dictionary<string, byte[]>
        {
            ["clusters/dev/app.yaml"] = Bytes(Deployment("app", App + ":5d6e7f8")),
            ["clusters/staging/app.yaml"] = Bytes(Deployment("app", App + ":5d6e7f8")),
        });
        return (url, repo, (await git.Daemon.GitAsync(repo, "rev-parse", "main")).Trim());
    }

    [Fact]
    public async Task A_verification_is_one_line_in_the_note_of_its_config_commit()
    {
        var (url, repo, head) = await RepoAsync();
        var record = Records.Passed(head, "5d6e7f8", TimeSpan.FromMinutes(5));

        var pushes = await Records.Notes(url).AppendAsync(record);

        Assert.Equal(new VerificationNote(head, 1), pushes);
        var note = await git.Daemon.GitAsync(repo, "notes", "--ref", VerificationNotes.NotesRef, "show", head);
        var line = Assert.Single(note.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("{\"format\":\"pipelines.verification/v1\",\"record\":{\"environment\":\"dev\",", line);
        Assert.Equal(record with { RunningDigests = [] }, VerificationRecord.TryParse(line, out _)! with { RunningDigests = [] });
        // The branch is untouched: a record is no config change.
        Assert.Equal(head, (await git.Daemon.GitAsync(repo, "rev-parse", "main")).Trim());
    }

    [Fact]
    public async Task Environments_that_record_at_once_on_one_commit_all_keep_their_line()
    {
        var (url, repo, head) = await RepoAsync();
        var records = Enumerable.Range(0, 8)
            .Select(i => Records.Passed(head, "5d6e7f8", TimeSpan.FromSeconds(60 + i), environment: i % 2 == 0 ? "dev" : "staging"))
            .ToList();

        var pushes = await Task.WhenAll(records.Select(r => Task.Run(() => Records.Notes(url).AppendAsync(r))));

        var lines = (await git.Daemon.GitAsync(repo, "notes", "--ref", VerificationNotes.NotesRef, "show", head)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(records.Select(r => r.ToLine()).Order(StringComparer.Ordinal), lines);
        Assert.True(pushes.Sum(p => p.Pushes) > records.Count, $"the writers raced: {pushes.Sum(p => p.Pushes)} pushes for {records.Count} records");
        var fsck = await git.Daemon.GitAsync(repo, "fsck", "--strict");
        Assert.DoesNotContain("error", fsck);
    }
}
