using Pipelines.Testing.Signing;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Signing;

/// <summary>
/// Bumps, promotions and rollbacks signed with real SSH and OpenPGP keys, given as text or as a file, pushed to git daemon;
/// each signature is checked with real <c>git verify-commit</c> against an allowed-signers file or a keyring that holds that
/// key alone. A change re-applied after a rejected push is signed again, and the user's own signing setup is neither used nor
/// changed.
/// </summary>
public sealed class SigningCommits(SigningScene scene) : IClassFixture<SigningScene>
{
    TestSigningKeys Keys => scene.Keys;

    public static TheoryData<string, bool> Keyed => new()
    {
        { "ssh", false }, { "ssh-passphrase", true }, { "openpgp", false }, { "openpgp-passphrase", true }, { "openpgp-binary", true },
    };

    TestSigningKey Key(string name) => name switch
    {
        "ssh" => Keys.Ssh,
        "ssh-passphrase" => Keys.SshWithPassphrase,
        "openpgp" => Keys.OpenPgp,
        "openpgp-passphrase" => Keys.OpenPgpWithPassphrase,
        _ => Keys.OpenPgpBinary,
    };

    [Theory]
    [MemberData(nameof(Keyed))]
    public async Task A_bump_is_signed_and_verifies_against_that_key_alone(string name, bool asFile)
    {
        var key = Key(name);
        using var workspace = new SigningWorkspace();
        var (url, repo) = await scene.RepositoryAsync();
        var signingKey = asFile ? CommitSigningKey.From(null, key.PrivateKeyFile, key.Passphrase) : CommitSigningKey.From(key.PrivateKey, null, key.Passphrase);

        var change = await workspace.Open(url, signingKey).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "dev" });

        Assert.Equal(ChangeOutcome.Pushed, change.Outcome);
        Assert.Equal(change.Commit, (await scene.Git.GitAsync(repo, "rev-parse", "main")).Trim());
        var verification = await scene.AssertSignedByAsync(key, repo);
        Assert.Contains(key.Kind == "ssh" ? "Good \"git\" signature for " + TestSigningKeys.Email : "[GNUPG:] GOODSIG", verification, StringComparison.Ordinal);
        Assert.EndsWith($", signed with {(key.Kind == "ssh" ? "SSH" : "OpenPGP")} key {key.Fingerprint})", change.Summary);
        // Another key's verifier does not accept it: the check is real.
        var other = key.Kind == "ssh" ? Keys.OtherSsh : Keys.CertifyOnlyOpenPgp;
        Assert.NotEqual(0, (await Keys.VerifyAsync(other, scene.Git.BarePath(repo), "main")).ExitCode);
        Assert.Empty(workspace.KeyDirectories);
    }

    [Fact]
    public async Task Promotion_and_rollback_commits_are_signed_too()
    {
        using var workspace = new SigningWorkspace();
        var (url, repo) = await scene.RepositoryAsync();
        var config = workspace.Open(url, CommitSigningKey.From(Keys.SshWithPassphrase.PrivateKey, null, TestSigningKeys.Passphrase));
        await config.BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "dev" });

        var promoted = await config.PromoteAsync(new PromoteRequest(App, "dev", "prod") { PushMode = PushMode.Push });
        await scene.AssertSignedByAsync(Keys.SshWithPassphrase, repo);
        var rolledBack = await config.RollbackAsync(new RollbackRequest(App) { Environment = "dev" });
        await scene.AssertSignedByAsync(Keys.SshWithPassphrase, repo);
        var back = await config.RollbackAsync(new RollbackRequest(App) { Environment = "prod", ToTag = "1a2b3c4", PushMode = PushMode.Push });

        Assert.All([promoted, rolledBack, back], c => Assert.Equal(ChangeOutcome.Pushed, c.Outcome));
        foreach (var revision in new[] { "main", "main~1", "main~2", "main~3" })
            await scene.AssertSignedByAsync(Keys.SshWithPassphrase, repo, revision);
        Assert.False(await scene.IsSignedAsync(repo, "main~4"), "the initial commit was made unsigned by the test");
    }

    [Fact]
    public async Task A_change_reapplied_after_a_rejected_push_is_signed_again_on_the_new_head()
    {
        using var workspace = new SigningWorkspace();
        var (url, repo) = await scene.RepositoryAsync();
        var bare = scene.Git.BarePath(repo);
        var start = (await scene.Git.GitAsync(repo, "rev-parse", "main")).Trim();
        // Someone else's commit, held back; the hook lands it just before our first push is applied, so that push loses the race.
        var theirs = await scene.Git.PushCommitAsync(repo, new Dictionary<string, byte[]> { ["clusters/dev/other.yaml"] = Bytes(Deployment("other", "busybox:1.36")) }, "Someone else's change");
        await scene.Git.GitAsync(repo, "update-ref", "refs/heads/main", start);
        var hook = Path.Combine(bare, "hooks", "pre-receive");
        await File.WriteAllTextAsync(hook, $"""
            #!/bin/sh
            if [ ! -e raced ]; then
              touch raced
              env -u GIT_QUARANTINE_PATH -u GIT_OBJECT_DIRECTORY -u GIT_ALTERNATE_OBJECT_DIRECTORIES git update-ref refs/heads/main {theirs} {start}
            fi
            exit 0

            """);
        SigningWorkspace.MakeExecutable(hook);

        var change = await workspace.Open(url, CommitSigningKey.From(Keys.OpenPgpWithPassphrase.PrivateKey, null, TestSigningKeys.Passphrase))
            .BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "dev" });

        Assert.Equal(ChangeOutcome.Pushed, change.Outcome);
        Assert.Equal(2, change.Attempts);
        Assert.Equal(theirs, (await scene.Git.GitAsync(repo, "rev-parse", "main~1")).Trim());
        Assert.Equal(change.Commit, (await scene.Git.GitAsync(repo, "rev-parse", "main")).Trim());
        await scene.AssertSignedByAsync(Keys.OpenPgpWithPassphrase, repo);
        Assert.Empty(workspace.KeyDirectories);
    }

    [Fact]
    public async Task The_users_signing_setup_is_neither_used_nor_changed()
    {
        // A user who signs everything with their own key through their own program, and keeps a keyring: none of it may play a part.
        using var workspace = new SigningWorkspace();
        var marker = Path.Combine(workspace.Root, "the-users-signer-ran");
        var program = Path.Combine(workspace.Home, "sign.sh");
        await File.WriteAllTextAsync(program, $"#!/bin/sh\ntouch '{marker}'\nexit 1\n");
        SigningWorkspace.MakeExecutable(program);
        var gitConfig = Path.Combine(workspace.Home, ".gitconfig");
        await File.WriteAllTextAsync(gitConfig,
            $"[commit]\n\tgpgsign = true\n[user]\n\tsigningkey = {Keys.OtherSsh.PrivateKeyFile}\n[gpg]\n\tformat = ssh\n\tprogram = {program}\n\tminTrustLevel = ultimate\n[gpg \"ssh\"]\n\tprogram = {program}\n[gpg \"openpgp\"]\n\tprogram = {program}\n");
        var before = await File.ReadAllBytesAsync(gitConfig);
        var userKeyring = Path.Combine(workspace.Home, ".gnupg");
        using var userWorkspace = new SigningWorkspace(("GNUPGHOME", userKeyring));
        File.Copy(gitConfig, Path.Combine(userWorkspace.Home, ".gitconfig"));
        var (url, repo) = await scene.RepositoryAsync();

        await workspace.Open(url, CommitSigningKey.From(Keys.Ssh.PrivateKey, null)).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "dev" });
        await scene.AssertSignedByAsync(Keys.Ssh, repo);
        await userWorkspace.Open(url, CommitSigningKey.From(Keys.OpenPgp.PrivateKey, null)).BumpAsync(new BumpRequest(ImageTarget.Create(App, "6e7f8a9")) { Environment = "dev" });
        await scene.AssertSignedByAsync(Keys.OpenPgp, repo);
        // Without a key the commit is not signed at all, whatever the user's config asks for.
        await workspace.Open(url, null).BumpAsync(new BumpRequest(ImageTarget.Create(App, "7f8a9b0")) { Environment = "dev" });
        Assert.False(await scene.IsSignedAsync(repo));

        Assert.False(File.Exists(marker), "the user's signing program ran");
        Assert.Equal(before, await File.ReadAllBytesAsync(gitConfig));
        Assert.False(Directory.Exists(userKeyring), "the user's GNUPGHOME was created or written");
    }
}
