using Pipelines.GitOps.Tests.Bumping;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Verifications;

/// <summary>
/// Promote with a required soak reads the records in the config repo: it refuses, changing nothing, an image dev has not
/// passed a verification with for that long, and promotes one it has. Records that are garbled, oversized, copied onto another
/// commit, about an image dev did not name at that commit, or on a commit off the branch do not count (the hostile cases are
/// in Hardening/ForgedVerificationNotes); a forced promotion goes ahead and says what it lacked.
/// </summary>
public sealed class GatingPromotions(GitDaemonFixture git) : IClassFixture<GitDaemonFixture>
{
    static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    async Task<(string Url, string Repo, string DevBump)> RepoAsync(string devImage = App + ":5d6e7f8")
    {
        var repo = "gate-" + Guid.NewGuid().ToString("N")[..6];
        var url = await git.Daemon.CreateRepositoryAsync(repo, new Dictionary<string, byte[]>
        {
            ["clusters/dev/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
            ["clusters/prod/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
        });
        var bump = await git.Daemon.PushCommitAsync(repo, new Dictionary<string, byte[]> { ["clusters/dev/app.yaml"] = Bytes(Deployment("app", devImage)) }, "deploy dev");
        // An unrelated commit after the bump: dev's record stays on the commit it was made at.
        await git.Daemon.PushCommitAsync(repo, new Dictionary<string, byte[]> { ["README.md"] = Bytes("config\n") }, "docs");
        return (url, repo, (await git.Daemon.GitAsync(repo, "rev-parse", "main~1")).Trim());
    }

    static PromoteRequest Gated(bool force = false) => new(App, "dev", "prod") { RequiredSoak = FiveMinutes, ForceUnverified = force };

    async Task<string> ProdAsync(string repo) => await ReadAsync(git.Daemon, repo, "clusters/prod/app.yaml");

    [Fact]
    public async Task An_image_without_any_verification_is_refused_and_nothing_changes()
    {
        var (url, repo, _) = await RepoAsync();
        var head = (await git.Daemon.GitAsync(repo, "rev-parse", "main")).Trim();

        var refused = await Assert.ThrowsAsync<UnverifiedPromotionException>(() => Open(url).PromoteAsync(Gated()));

        Assert.Equal(Pipelines.Tooling.FailureKind.Failure, refused.Kind);
        Assert.Equal($"source environment dev runs {App}:5d6e7f8, which was not verified there for the required soak of 00:05:00 (no verification of it was recorded); "
            + "verify it in dev with a soak of at least 00:05:00, or promote anyway with the unverified override", refused.Message);
        Assert.Equal(head, (await git.Daemon.GitAsync(repo, "rev-parse", "main")).Trim());
        Assert.Equal(Deployment("app", App + ":1a2b3c4"), await ProdAsync(repo));
    }

    [Fact]
    public async Task An_image_that_passed_a_long_enough_soak_in_dev_is_promoted_with_the_record_it_rests_on()
    {
        var (url, repo, bump) = await RepoAsync();
        await Records.Notes(url).AppendAsync(Records.Passed(bump, "5d6e7f8", TimeSpan.FromMinutes(6)));

        var change = await Open(url).PromoteAsync(Gated());

        Assert.Equal(ChangeOutcome.Pushed, change.Outcome);
        Assert.Equal(Deployment("app", App + ":5d6e7f8"), await ProdAsync(repo));
        Assert.Equal(bump, change.Verification!.Record!.ConfigCommit);
        Assert.False(change.Verification.Forced);
        Assert.StartsWith("verified: passed in dev, soaked 6:00, ended ", change.Verification.Describe());
    }

    [Fact]
    public async Task A_soak_shorter_than_required_is_refused_naming_the_longest()
    {
        var (url, _, bump) = await RepoAsync();
        await Records.Notes(url).AppendAsync(Records.Passed(bump, "5d6e7f8", TimeSpan.FromSeconds(90)));

        var refused = await Assert.ThrowsAsync<UnverifiedPromotionException>(() => Open(url).PromoteAsync(Gated()));

        Assert.Contains($"(its longest passing soak was 90.0s, at config commit {bump[..7]})", refused.Message);
    }

    [Fact]
    public async Task A_newer_failed_verification_outweighs_an_older_pass()
    {
        var (url, _, bump) = await RepoAsync();
        var notes = Records.Notes(url);
        await notes.AppendAsync(Records.Passed(bump, "5d6e7f8", TimeSpan.FromMinutes(10), endedAt: DateTimeOffset.UtcNow.AddHours(-1)));
        await notes.AppendAsync(Records.Failed(bump, "5d6e7f8", "pod dev/app-1: container app restarted", endedAt: DateTimeOffset.UtcNow));

        var refused = await Assert.ThrowsAsync<UnverifiedPromotionException>(() => Open(url).PromoteAsync(Gated()));

        Assert.Contains("its newest verification there failed at ", refused.Message);
        Assert.Contains(": pod dev/app-1: container app restarted)", refused.Message);
    }

    [Fact]
    public async Task A_digest_pinned_image_is_matched_by_the_digest_its_pods_ran()
    {
        var (url, repo, bump) = await RepoAsync(devImage: $"{App}:5d6e7f8@{DigestA}");
        var notes = Records.Notes(url);
        // Same tag, another digest: not this image.
        await notes.AppendAsync(Records.Passed(bump, "5d6e7f8", TimeSpan.FromMinutes(9), digest: DigestB));
        var refused = await Assert.ThrowsAsync<UnverifiedPromotionException>(() => Open(url).PromoteAsync(Gated()));
        await notes.AppendAsync(Records.Passed(bump, "5d6e7f8", TimeSpan.FromMinutes(6), digest: DigestA));

        var change = await Open(url).PromoteAsync(Gated());

        Assert.Contains("no verification of it was recorded", refused.Message);
        Assert.Equal(DigestA, change.Verification!.Record!.Digest);
        Assert.Contains($"{App}:5d6e7f8", await ProdAsync(repo));
    }

    [Fact]
    public async Task A_forced_promotion_goes_ahead_and_says_what_it_lacked()
    {
        var (url, repo, _) = await RepoAsync();

        var change = await Open(url).PromoteAsync(Gated(force: true));

        Assert.Equal(ChangeOutcome.Pushed, change.Outcome);
        Assert.True(change.Verification!.Forced);
        Assert.Equal("promoted UNVERIFIED (forced): no verification of it was recorded", change.Verification.Describe());
        Assert.Equal(Deployment("app", App + ":5d6e7f8"), await ProdAsync(repo));
    }

    [Fact]
    public async Task Without_a_required_soak_there_is_no_gate()
    {
        var (url, repo, _) = await RepoAsync();

        var change = await Open(url).PromoteAsync(new PromoteRequest(App, "dev", "prod"));

        Assert.Null(change.Verification);
        Assert.Equal(Deployment("app", App + ":5d6e7f8"), await ProdAsync(repo));
    }

    /// <summary>Writes <paramref name="text"/> as the note of <paramref name="commit"/> straight into the bare repository, as anyone with push access could.</summary>
    internal static async Task NoteAsync(string bare, string commit, string text)
    {
        var file = Path.Combine(Path.GetTempPath(), "note-" + Guid.NewGuid().ToString("N")[..6]);
        await File.WriteAllTextAsync(file, text);
        await Pipelines.Testing.Docker.ContainerParts.GitAsync(bare, "-c", "user.name=x", "-c", "user.email=x@x", "notes", "--ref", VerificationNotes.NotesRef, "add", "-f", "-F", file, commit);
        File.Delete(file);
    }
}
