using System.Text;
using Pipelines.Components.Tests.Hardening.BadInput;
using Pipelines.Components.Tests.Hardening.Report;
using Pipelines.Testing;
using Pipelines.Testing.Git;
using Pipelines.Testing.Signing;

namespace Pipelines.Components.Tests.Hardening.Secrets;

/// <summary>
/// Signing through the engine as a user runs it: InitConfigRepo signed with an OpenPGP key file, BumpConfigRepo signed with an
/// SSH key given as a secret (with its passphrase) on Terminal, GitHub Actions and Jenkins formatting, and a wrong passphrase
/// refused in one line (exit 2) with the config repo unchanged. Every commit verifies with real git; then every line of both
/// keys and the passphrase are searched for in the output, <c>artifacts/</c>, the config repos and the temporary directory:
/// zero occurrences, and no private key directory is left.
/// </summary>
public sealed class SigningKeysStayHidden
{
    [Fact]
    public async Task Signed_commits_leak_no_key_material_and_leave_no_key_behind()
    {
        await using var keys = await TestSigningKeys.CreateAsync();
        using var git = await GitDaemon.StartAsync();
        var work = Directory.CreateTempSubdirectory("pipelines-signing-sweep-").FullName;
        var root = Path.Combine(work, "app");
        var temp = Path.Combine(work, "tmp");
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        Directory.CreateDirectory(temp);
        var ssh = keys.SshWithPassphrase;
        var openPgp = keys.OpenPgpWithPassphrase;
        var secrets = new Dictionary<string, string> { ["passphrase"] = TestSigningKeys.Passphrase };
        foreach (var (line, i) in ssh.SecretLines.Select((l, i) => (l, i)))
            secrets[$"SSH key line {i + 1}"] = line;
        foreach (var (line, i) in openPgp.SecretLines.Select((l, i) => (l, i)))
            secrets[$"OpenPGP key line {i + 1}"] = line;
        var search = new SecretSearch(secrets);
        var signed = 0;
        try
        {
            (string, string?)[] common = [("TMPDIR", temp), ("GNUPGHOME", null), ("GIT_CONFIG_COUNT", null), ("PIPELINES_SIGNING_KEY_PASSPHRASE", TestSigningKeys.Passphrase)];
            var scaffolded = Path.Combine(work, "scaffolded.git");
            var init = await RunAsync(root, InvocationEnvironment.Of(common), "InitConfigRepo", "--config-repo", scaffolded, "--image-repository", "registry.example/app",
                "--aws-region", "cn-north-1", "--environments", "dev", "--signing-key-file", openPgp.PrivateKeyFile);
            Assert.True(init.ExitCode == 0, init.Output + init.Error);
            var verified = await keys.VerifyAsync(openPgp, scaffolded, "main");
            Assert.True(verified.ExitCode == 0, verified.Output);
            signed++;
            search.InText("InitConfigRepo output", init.Output + init.Error);

            var copy = Path.Combine(work, "scaffold-copy");
            await CheckOutAsync(scaffolded, copy);
            var url = await git.CreateRepositoryFromFolderAsync("config", copy);
            var hosts = new (string Name, (string, string?)[] Variables)[]
            {
                ("Terminal", []),
                ("GitHubActions", [("GITHUB_ACTIONS", "true")]),
                ("Jenkins", [("JENKINS_URL", "http://jenkins.example/"), ("BUILD_NUMBER", "7")]),
            };
            var tag = 0;
            foreach (var (host, variables) in hosts)
            {
                var run = await RunAsync(root, InvocationEnvironment.Of([.. common, .. variables, ("PIPELINES_SIGNING_KEY", ssh.PrivateKey)]),
                    "BumpConfigRepo", "--config-repo", url, "--environment", "dev", "--image-repository", "registry.example/app",
                    "--image-tag", $"feed{++tag:000}", "--verify-image", "false");
                Assert.True(run.ExitCode == 0, $"{host}:\n{run.Output}{run.Error}");
                Assert.Contains($"signed with SSH key {ssh.Fingerprint}", run.Output, StringComparison.Ordinal);
                verified = await keys.VerifyAsync(ssh, git.BarePath("config"), "main");
                Assert.True(verified.ExitCode == 0, verified.Output);
                signed++;
                // The runner hides ::add-mask:: lines; that the key's lines are announced there proves the search would see them.
                if (host == "GitHubActions")
                    Assert.Contains($"::add-mask::{ssh.SecretLines.Last()}", run.Output, StringComparison.Ordinal);
                var shown = string.Join('\n', run.Output.Split('\n').Where(l => !l.StartsWith("::add-mask::", StringComparison.Ordinal)));
                search.InText($"{host} output", shown);
                search.InText($"{host} error output", run.Error);
            }

            var before = await git.RefsAsync("config");
            var wrong = await RunAsync(root, InvocationEnvironment.Of([.. common, ("PIPELINES_SIGNING_KEY", ssh.PrivateKey), ("PIPELINES_SIGNING_KEY_PASSPHRASE", "not the passphrase")]),
                "BumpConfigRepo", "--config-repo", url, "--environment", "dev", "--image-repository", "registry.example/app", "--image-tag", "feed999", "--verify-image", "false");
            Assert.True(wrong.ExitCode == 2, wrong.Output + wrong.Error);
            var error = Assert.Single(wrong.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains("--signing-key-passphrase does not unlock the --signing-key (ssh-keygen: ", error, StringComparison.Ordinal);
            Assert.Equal(before, await git.RefsAsync("config"));
            search.InText("wrong passphrase output", wrong.Output + wrong.Error);

            Assert.Empty(Directory.GetDirectories(temp, "pipelines-sign-*"));
            search.InFiles("config repo", git.BarePath("config"));
            search.InText("config repo history", await git.GitAsync("config", "log", "-p", "--all"));
            search.InFiles("scaffolded config repo", scaffolded);
            search.InFiles("app repository (artifacts/)", root);
            search.InFiles("temporary directory", temp);
        }
        finally
        {
            HardeningReport.Append("secrets", "signed InitConfigRepo and bumps on Terminal, GitHubActions, Jenkins + wrong passphrase",
                ("occurrences", search.Findings.Count), ("signedCommits", signed));
            Directory.Delete(work, recursive: true);
        }
        Assert.True(search.Findings.Count == 0, string.Join('\n', search.Findings));
        Assert.Equal(4, signed);
    }

    /// <summary>The scaffold's files, checked out from its bare repository, to seed the repository git daemon serves.</summary>
    static async Task CheckOutAsync(string bare, string copy)
    {
        var runner = new Tooling.ProcessRunner(new Tooling.SecretMasker(), TextWriter.Null);
        await runner.RunAsync("git", ["clone", "-q", bare, copy], noEcho: true, quiet: true);
        Directory.Delete(Path.Combine(copy, ".git"), recursive: true);
    }

    static async Task<(int ExitCode, string Output, string Error)> RunAsync(string root, Dictionary<string, string?> environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await PipelineBuild.ExecuteAsync<HardeningBuild>(new BuildInvocation(args, environment, stdout, stderr) { RootDirectory = root });
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
