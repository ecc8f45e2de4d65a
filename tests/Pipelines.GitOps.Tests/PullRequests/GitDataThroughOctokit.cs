using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Octokit;
using Pipelines.GitOps.Tests.Bumping;
using Pipelines.Testing.GitHub;
using Pipelines.Testing.Signing;
using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.PullRequests;

/// <summary>
/// The GitHub stand-in's git-data API, driven by Octokit and checked against real git: blob ids are git's hash of the bytes,
/// a tree made with <c>base_tree</c> and nested paths is the tree git makes from the same files, GitHub's signed commit
/// verifies with <c>git verify-commit</c>, and refs follow GitHub's rules (422 when a ref exists or an update is not a fast
/// forward, 404 for an unknown ref, 403 for a read-only token).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class GitDataThroughOctokit(GitDaemonFixture git) : IClassFixture<GitDaemonFixture>, IAsyncLifetime
{
    GitHubStandIn github = null!;
    string repo = null!;

    public async Task InitializeAsync()
    {
        github = await GitHubStandIn.StartAsync();
        repo = "data-" + Guid.NewGuid().ToString("N")[..6];
        await git.Daemon.CreateRepositoryAsync(repo, new Dictionary<string, byte[]>
        {
            ["README.md"] = Bytes("config\n"),
            ["clusters/dev/app.yaml"] = Bytes(Deployment("app", App + ":1a2b3c4")),
        });
        github.AddGitRepository("acme/" + repo, git.Daemon.BarePath(repo));
        github.AddToken("write", "acme/" + repo);
        github.AddToken("read", "acme/" + repo, canWrite: false);
    }

    public async Task DisposeAsync() => await github.DisposeAsync();

    GitHubClient Client(string token) => new(new ProductHeaderValue("tests"), github.BaseAddress) { Credentials = new Credentials(token) };

    static string GitBlobId(byte[] content) =>
        Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {content.Length}\0"), .. content]));

    [Fact]
    public async Task Blobs_trees_and_a_commit_are_the_objects_git_makes_and_GitHub_signs_the_commit()
    {
        var client = Client("write");
        var bytes = "kind: ConfigMap\r\ndata: {a: 1}"u8.ToArray();
        var main = await client.Git.Reference.Get("acme", repo, "heads/main");
        var parent = await client.Git.Commit.Get("acme", repo, main.Object.Sha);

        var blob = await client.Git.Blob.Create("acme", repo, new NewBlob { Content = Convert.ToBase64String(bytes), Encoding = EncodingType.Base64 });
        var tree = new NewTree { BaseTree = parent.Tree.Sha };
        tree.Tree.Add(new NewTreeItem { Path = "clusters/dev/map.yaml", Mode = "100644", Type = TreeType.Blob, Sha = blob.Sha });
        tree.Tree.Add(new NewTreeItem { Path = "clusters/prod/app.yaml", Mode = "100755", Type = TreeType.Blob, Content = "image: x\n" });
        var made = await client.Git.Tree.Create("acme", repo, tree);
        var commit = await client.Git.Commit.Create("acme", repo, new NewCommit("Add a map\n", made.Sha, [parent.Sha]));
        var custom = await client.Git.Commit.Create("acme", repo, new NewCommit("By hand\n", made.Sha, [parent.Sha])
            { Author = new Committer("Someone", "someone@example.com", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000)) });

        Assert.Equal(GitBlobId(bytes), blob.Sha);
        // The same files committed by real git give the same tree id.
        var work = await git.Daemon.CloneAsync(repo);
        try
        {
            Directory.CreateDirectory(Path.Combine(work, "clusters", "prod"));
            await File.WriteAllBytesAsync(Path.Combine(work, "clusters", "dev", "map.yaml"), bytes);
            await File.WriteAllTextAsync(Path.Combine(work, "clusters", "prod", "app.yaml"), "image: x\n");
            File.SetUnixFileMode(Path.Combine(work, "clusters", "prod", "app.yaml"), (UnixFileMode)0b111_101_101);
            var local = new Tooling.ProcessRunner(new Tooling.SecretMasker(), TextWriter.Null);
            await local.RunAsync("git", ["-c", "core.autocrlf=false", "add", "--all"], work, noEcho: true, quiet: true);
            Assert.Equal((await local.RunAsync("git", ["write-tree"], work, noEcho: true, quiet: true)).StandardOutput.Trim(), made.Sha);
        }
        finally
        {
            TestTrees.Delete(work);
        }
        Assert.Contains(made.Tree, i => i.Path == "clusters" && i.Type.Value == TreeType.Tree);
        Assert.Equal([parent.Sha], commit.Parents.Select(p => p.Sha));
        Assert.Equal((made.Sha, "Add a map\n", GitHubStandIn.AppLogin, "GitHub"), (commit.Tree.Sha, commit.Message, commit.Author.Name, commit.Committer.Name));
        Assert.True(commit.Verification.Verified);
        Assert.Equal(VerificationReason.Valid, commit.Verification.Reason.Value);
        Assert.StartsWith("-----BEGIN SSH SIGNATURE-----", commit.Verification.Signature);
        var verified = await new TestSigningKeys.Verification(git.Daemon.BarePath(repo)).SshAsync(github.WebFlowAllowedSigners, commit.Sha);
        Assert.True(verified.ExitCode == 0, verified.Output);
        Assert.False(custom.Verification.Verified);
        Assert.Equal((VerificationReason.Unsigned, "Someone", "Someone"), (custom.Verification.Reason.Value, custom.Author.Name, custom.Committer.Name));
        Assert.Equal(commit.Sha, (await client.Git.Commit.Get("acme", repo, commit.Sha)).Sha);
    }

    [Fact]
    public async Task Refs_are_created_moved_and_refused_as_on_GitHub()
    {
        var client = Client("write");
        var main = (await client.Git.Reference.Get("acme", repo, "heads/main")).Object.Sha;
        var parentTree = (await client.Git.Commit.Get("acme", repo, main)).Tree.Sha;
        var child = await client.Git.Commit.Create("acme", repo, new NewCommit("child\n", parentTree, [main]));
        var sibling = await client.Git.Commit.Create("acme", repo, new NewCommit("sibling\n", parentTree, [main]));

        var created = await client.Git.Reference.Create("acme", repo, new NewReference("refs/heads/feature/x", child.Sha));
        var again = await Assert.ThrowsAsync<ApiValidationException>(() => client.Git.Reference.Create("acme", repo, new NewReference("refs/heads/feature/x", child.Sha)));
        var notForward = await Assert.ThrowsAsync<ApiValidationException>(() => client.Git.Reference.Update("acme", repo, "heads/feature/x", new ReferenceUpdate(sibling.Sha)));
        var forced = await client.Git.Reference.Update("acme", repo, "heads/feature/x", new ReferenceUpdate(sibling.Sha, force: true));
        var forward = await client.Git.Reference.Update("acme", repo, "heads/main", new ReferenceUpdate(child.Sha));

        Assert.Equal(("refs/heads/feature/x", child.Sha), (created.Ref, created.Object.Sha));
        Assert.Equal("Reference already exists", again.Message);
        Assert.Equal("Update is not a fast forward", notForward.Message);
        Assert.Equal(sibling.Sha, forced.Object.Sha);
        Assert.Equal(sibling.Sha, (await git.Daemon.GitAsync(repo, "rev-parse", "feature/x")).Trim());
        Assert.Equal(child.Sha, forward.Object.Sha);
        await Assert.ThrowsAsync<NotFoundException>(() => client.Git.Reference.Get("acme", repo, "heads/none"));
        await Assert.ThrowsAsync<ApiValidationException>(() => client.Git.Commit.Create("acme", repo, new NewCommit("x\n", new string('0', 40), [main])));
        await Assert.ThrowsAsync<ForbiddenException>(() => Client("read").Git.Blob.Create("acme", repo, new NewBlob { Content = "x", Encoding = EncodingType.Utf8 }));
        await Assert.ThrowsAsync<AuthorizationException>(() => Client("nonsense").Git.Reference.Get("acme", repo, "heads/main"));
    }

    [Fact]
    public async Task A_null_sha_deletes_a_path_and_an_emptied_directory_with_it()
    {
        // Octokit leaves null values out, so this is GitHub's documented request sent as it is.
        var client = Client("write");
        var main = (await client.Git.Reference.Get("acme", repo, "heads/main")).Object.Sha;
        var baseTree = (await client.Git.Commit.Get("acme", repo, main)).Tree.Sha;
        using var http = new HttpClient { BaseAddress = new Uri(github.BaseAddress, "api/v3/") };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("token", "write");

        var response = await http.PostAsJsonAsync($"repos/acme/{repo}/git/trees",
            new { base_tree = baseTree, tree = new object[] { new { path = "clusters/dev/app.yaml", mode = "100644", type = "blob", sha = (string?)null } } });

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var sha = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["sha"]!.GetValue<string>();
        Assert.Equal("100644 blob " + GitBlobId(Bytes("config\n")) + "\tREADME.md", (await git.Daemon.GitAsync(repo, "ls-tree", sha)).Trim());
    }
}
