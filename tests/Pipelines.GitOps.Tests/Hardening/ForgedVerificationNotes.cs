using Pipelines.GitOps.Tests.Bumping;
using Pipelines.GitOps.Tests.Verifications;
using Pipelines.Testing.Faults;
using Xunit.Abstractions;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Hardening;

/// <summary>
/// Verification notes written by hand into the config repo, as anyone with push access could: a record at a commit where dev
/// named another image, a good record copied onto another commit, a record on a commit on no branch, garbled text with terminal
/// escapes, and an oversized note. None counts for Promote's gate, and what it says about them is escaped. (A well-formed
/// record on the right commit cannot be told from a real one: the records are as trustworthy as the repo's write access.)
/// </summary>
public sealed class ForgedVerificationNotes(GitDaemonFixture git, ITestOutputHelper output) : IClassFixture<GitDaemonFixture>
{
    [Fact]
    public async Task Forged_and_garbled_records_do_not_count()
    {
        var (url, repo, bump) = await RepoAsync();
        var initial = (await git.Daemon.GitAsync(repo, "rev-parse", "main~2")).Trim();
        var docs = (await git.Daemon.GitAsync(repo, "rev-parse", "main")).Trim();
        var head = await git.Daemon.PushCommitAsync(repo, new Dictionary<string, byte[]> { ["NOTES.md"] = Bytes("more\n") }, "more docs");
        var bare = git.Daemon.BarePath(repo);
        var forged = Records.Passed(bump, "5d6e7f8", TimeSpan.FromHours(1));
        // A record at a commit where dev named another image, a good record copied onto another commit, a record on a commit
        // that is on no branch, garbled text, and an oversized note.
        await Records.Notes(url).AppendAsync(Records.Passed(initial, "5d6e7f8", TimeSpan.FromHours(2)));
        await GatingPromotions.NoteAsync(bare, docs, forged.ToLine());
        await GatingPromotions.NoteAsync(bare, new string('e', 40), (forged with { ConfigCommit = new string('e', 40) }).ToLine());
        await GatingPromotions.NoteAsync(bare, bump, "{\"format\":\"pipelines.verification/v1\",\"record\":{\"environment\":\"dev\"\n\u001b[31mnot json at all\n");
        await GatingPromotions.NoteAsync(bare, head, forged.ToLine() + "\n" + new string('x', VerificationNotes.MaxNoteBytes));

        var refused = await Assert.ThrowsAsync<UnverifiedPromotionException>(() => Open(url).PromoteAsync(Gated()));

        Assert.Contains("(no verification of it was recorded; 6 note line(s) were not usable records)", refused.Message);
        Assert.False(refused.Message.Contains('\u001b', StringComparison.Ordinal), refused.Message);
        Assert.Equal(Deployment("app", App + ":1a2b3c4"), await ProdAsync(repo));
        HardeningFigures.Record(output, "hostile", "verify/forged-or-garbled-note", ("tried", 6), ("handled", 6));
    }

    async Task<(string Url, string Repo, string DevBump)> RepoAsync()
    {
        var repo = "forged-" + Guid.NewGuid().ToString("N")[..6];
        var url = await git.Daemon.CreateRepositoryAsync(repo, new Dictionary<string, byte[]>
        {
            ["clusters/dev/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
            ["clusters/prod/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
        });
        await git.Daemon.PushCommitAsync(repo, new Dictionary<string, byte[]> { ["clusters/dev/app.yaml"] = Bytes(Deployment("app", App + ":5d6e7f8")) }, "deploy dev");
        await git.Daemon.PushCommitAsync(repo, new Dictionary<string, byte[]> { ["README.md"] = Bytes("config\n") }, "docs");
        return (url, repo, (await git.Daemon.GitAsync(repo, "rev-parse", "main~1")).Trim());
    }

    static PromoteRequest Gated() => new(App, "dev", "prod") { RequiredSoak = TimeSpan.FromMinutes(5) };

    async Task<string> ProdAsync(string repo) => await ReadAsync(git.Daemon, repo, "clusters/prod/app.yaml");
}
