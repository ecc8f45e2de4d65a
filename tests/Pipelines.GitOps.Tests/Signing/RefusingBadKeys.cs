using Pipelines.Testing.Signing;
using Pipelines.Tooling;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Signing;

/// <summary>
/// A key that cannot sign, a wrong or missing passphrase, a public key, something that is no key: each fails in one line
/// naming the input, before the config repo is touched, with nothing of the key or passphrase in the message or the output,
/// and no private directory left behind. The last line of defence, <c>git verify-commit</c> before a push, refuses an
/// unsigned commit and one signed by another key.
/// </summary>
public sealed class RefusingBadKeys(SigningScene scene) : IClassFixture<SigningScene>
{
    TestSigningKeys Keys => scene.Keys;

    async Task<(PipelinesException Error, SigningWorkspace Workspace)> FailAsync(CommitSigningKey? key, params (string Name, string? Value)[] environment)
    {
        var workspace = new SigningWorkspace(environment);
        var (url, repo) = await scene.RepositoryAsync();
        var before = await scene.Git.RefsAsync(repo);
        var error = await Assert.ThrowsAnyAsync<PipelinesException>(() =>
            workspace.Open(url, key).BumpAsync(new BumpRequest(ImageTarget.Create(App, "5d6e7f8")) { Environment = "dev" }));
        Assert.Equal(before, await scene.Git.RefsAsync(repo));
        Assert.Empty(workspace.KeyDirectories);
        Assert.DoesNotContain('\n', error.Message);
        foreach (var secret in new[] { TestSigningKeys.Passphrase, "wrong passphrase 42" }.Concat(Keys.Ssh.SecretLines).Concat(Keys.OpenPgpWithPassphrase.SecretLines))
        {
            Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, workspace.Output.ToString(), StringComparison.Ordinal);
        }
        return (error, workspace);
    }

    // The .NET SDK's container image has git but neither ssh-keygen nor gpg.
    [Theory]
    [InlineData("ssh", "ssh-keygen", "openssh-client")]
    [InlineData("openpgp", "gpg", "gnupg")]
    public async Task An_agent_without_the_signing_tool_fails_in_one_line_naming_the_package(string kind, string tool, string package)
    {
        var bin = Directory.CreateTempSubdirectory("pipelines-signing-path-").FullName;
        try
        {
            File.CreateSymbolicLink(Path.Combine(bin, "git"), "/usr/bin/git");
            var key = kind == "ssh" ? Keys.Ssh : Keys.OpenPgpWithPassphrase;

            var (error, workspace) = await FailAsync(CommitSigningKey.From(key.PrivateKey, null, TestSigningKeys.Passphrase), ("PATH", bin));
            using var _ = workspace;

            Assert.Equal($"signing key needs {tool} to sign, which is not installed on this agent; install {package} (apt-get install {package}), or commit without a signing key",
                error.Message);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    [Theory]
    [InlineData("ssh")]
    [InlineData("openpgp")]
    public async Task A_wrong_passphrase_fails_in_one_line_before_anything_is_pushed(string kind)
    {
        var key = kind == "ssh" ? Keys.SshWithPassphrase : Keys.OpenPgpWithPassphrase;

        var (error, workspace) = await FailAsync(CommitSigningKey.From(key.PrivateKey, null, "wrong passphrase 42"));
        using var _ = workspace;

        Assert.True(error.Kind == FailureKind.BadInput, error.Message);
        Assert.Same(GitOpsInputs.SigningKeyPassphrase, error.Input);
        Assert.Equal(kind == "ssh"
                ? "signing key passphrase does not unlock the signing key (ssh-keygen: incorrect passphrase supplied to decrypt private key); give the passphrase the key was protected with"
                : "signing key passphrase does not unlock the signing key (gpg: signing failed: Bad passphrase); give the passphrase the key was protected with",
            error.Message);
    }

    [Theory]
    [InlineData("ssh")]
    [InlineData("openpgp")]
    public async Task A_protected_key_without_its_passphrase_fails_in_one_line(string kind)
    {
        var key = kind == "ssh" ? Keys.SshWithPassphrase : Keys.OpenPgpWithPassphrase;

        var (error, workspace) = await FailAsync(CommitSigningKey.From(null, key.PrivateKeyFile));
        using var _ = workspace;

        Assert.Same(GitOpsInputs.SigningKeyFile, error.Input);
        Assert.Equal("signing key file is protected by a passphrase and none was given; give the signing key passphrase", error.Message);
    }

    [Fact]
    public async Task A_key_that_cannot_sign_fails_in_one_line()
    {
        var (error, workspace) = await FailAsync(CommitSigningKey.From(Keys.CertifyOnlyOpenPgp.PrivateKey, null));
        using var _ = workspace;

        Assert.Equal("signing key holds no secret key that can sign (expired, revoked, or without a signing key); give a secret key whose primary key or a subkey may sign",
            error.Message);
    }

    [Theory]
    [InlineData("ssh public key")]
    [InlineData("openpgp public key")]
    [InlineData("not a key")]
    [InlineData("garbage bytes")]
    public async Task What_is_no_private_key_is_refused_in_one_line(string what)
    {
        var text = what switch
        {
            "ssh public key" => Keys.Ssh.PublicKey,
            "openpgp public key" => Keys.OpenPgp.PublicKey,
            "not a key" => "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            _ => "\u0001\u0002 not a key at all \u00ff",
        };

        var (error, workspace) = await FailAsync(CommitSigningKey.From(text, null));
        using var _ = workspace;

        Assert.True(error.Kind == FailureKind.BadInput, error.Message);
        Assert.Same(GitOpsInputs.SigningKey, error.Input);
        Assert.StartsWith(what.EndsWith("public key", StringComparison.Ordinal) ? "signing key is a public key, which cannot sign" : "signing key is neither an SSH private key nor an OpenPGP secret key",
            error.Message);
    }

    [Fact]
    public async Task A_missing_key_file_is_refused_in_one_line()
    {
        var missing = Path.Combine(Keys.Directory, "no-such-key");

        var (error, workspace) = await FailAsync(CommitSigningKey.From(null, missing));
        using var _ = workspace;

        Assert.Equal($"signing key file '{missing}' does not exist; give the path of the private key file", error.Message);
    }

    [Fact]
    public void A_key_given_twice_or_a_passphrase_without_a_key_is_refused()
    {
        var twice = Assert.Throws<InvalidInputException>(() => CommitSigningKey.From(Keys.Ssh.PrivateKey, Keys.Ssh.PrivateKeyFile));
        var alone = Assert.Throws<InvalidInputException>(() => CommitSigningKey.From(null, " ", TestSigningKeys.Passphrase));

        Assert.Equal("signing key and the signing key file are both given; give the key one way: as text or as a file", twice.Message);
        Assert.Equal("signing key passphrase is given without a key; give the signing key or the signing key file it unlocks", alone.Message);
        Assert.Null(CommitSigningKey.From(null, "", null));
        Assert.DoesNotContain(Keys.Ssh.SecretLines.First(), CommitSigningKey.From(Keys.Ssh.PrivateKey, null)!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verification_before_a_push_refuses_an_unsigned_commit_and_one_signed_by_another_key()
    {
        using var workspace = new SigningWorkspace();
        var work = Path.Combine(workspace.Root, "repo");
        Directory.CreateDirectory(work);
        var git = new GitCli(workspace.Runner);
        await git.RunAsync(work, ["init", "-q", "-b", "main"]);
        await File.WriteAllTextAsync(Path.Combine(work, "a.yaml"), "a: 1\n");
        await git.RunAsync(work, ["add", "a.yaml"]);
        var identity = new GitIdentity("Pipelines", TestSigningKeys.Email);
        await using var ours = await CommitSigner.OpenAsync(CommitSigningKey.From(Keys.Ssh.PrivateKey, null)!, identity.Email, workspace.Runner, default);
        await using var theirs = await CommitSigner.OpenAsync(CommitSigningKey.From(Keys.OtherSsh.PrivateKey, null)!, identity.Email, workspace.Runner, default);

        var unsigned = await git.CommitAllAsync(work, "unsigned\n", identity, null, default);
        var unsignedError = await Assert.ThrowsAsync<CommitSigningException>(() => git.VerifyCommitAsync(work, unsigned, ours, default));
        await File.WriteAllTextAsync(Path.Combine(work, "a.yaml"), "a: 2\n");
        var otherKey = await git.CommitAllAsync(work, "signed by another key\n", identity, theirs, default);
        await git.VerifyCommitAsync(work, otherKey, theirs, default);
        var otherError = await Assert.ThrowsAsync<CommitSigningException>(() => git.VerifyCommitAsync(work, otherKey, ours, default));

        Assert.Equal($"signing key did not verify on commit {unsigned[..7]} (no signature); nothing was pushed; check the key with `git verify-commit` outside the pipeline",
            unsignedError.Message);
        Assert.StartsWith($"signing key did not verify on commit {otherKey[..7]} (", otherError.Message);
        Assert.Equal(FailureKind.Failure, otherError.Kind);
    }
}
