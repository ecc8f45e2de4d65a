using System.Text;
using Pipelines.Testing.Git;
using Pipelines.Tooling;

namespace Pipelines.GitOps.Tests.Bumping;

/// <summary>Building blocks for tests that change config repos served by git daemon.</summary>
static class ConfigRepos
{
    public const string App = "registry.example.com/team/app";
    public static readonly string DigestA = "sha256:" + new string('a', 64);
    public static readonly string DigestB = "sha256:" + new string('b', 64);

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static string Deployment(string name, string image) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
        spec:
          template:
            spec:
              containers:
              - name: {name}
                image: {image}

        """;

    public static ConfigRepo Open(string url, IImageExistence? images = null, Action<ConfigRepoSettings>? _ = null, ConfigRepoSettings? settings = null,
        PullRequestPublisher? pullRequests = null) =>
        new(settings ?? new ConfigRepoSettings(url), new ProcessRunner(new SecretMasker(), TextWriter.Null), images ?? KnownImages.All, pullRequests);

    public static async Task<string> ReadAsync(GitDaemon daemon, string repo, string path)
    {
        var work = await daemon.CloneAsync(repo);
        try
        {
            return await File.ReadAllTextAsync(Path.Combine(work, path));
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    public static async Task<string> HeadMessageAsync(GitDaemon daemon, string repo, string rev = "main") =>
        await daemon.GitAsync(repo, "log", "-1", "--format=%B", rev);
}
