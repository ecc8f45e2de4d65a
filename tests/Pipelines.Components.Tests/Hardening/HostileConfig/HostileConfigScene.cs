using System.Text;
using Pipelines.Testing.Git;
using Pipelines.Tooling;

namespace Pipelines.Components.Tests.Hardening.HostileConfig;

/// <summary>
/// What hostile config repos are served from: a git daemon, a build root, and an outside folder that links in those repos
/// point at. The outside files mention the image, so a link followed by mistake would be rewritten; <see cref="Outside"/>
/// proves they were not (bytes, modification time and the listing).
/// </summary>
public sealed class HostileConfigScene : IAsyncLifetime
{
    public const string Repository = "registry.example.com/team/app";

    readonly ProcessRunner git = new(new SecretMasker(), TextWriter.Null);
    GitDaemon daemon = null!;
    string work = null!;

    public string Root { get; private set; } = null!;

    /// <summary>The folder outside every clone that the links aim at.</summary>
    public string OutsideFolder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        work = Path.Combine(Path.GetTempPath(), "pipelines-hostile-" + Guid.NewGuid().ToString("N")[..10]);
        Root = Path.Combine(work, "app");
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
        OutsideFolder = Path.Combine(work, "outside");
        Directory.CreateDirectory(Path.Combine(OutsideFolder, "dir"));
        var victim = Encoding.UTF8.GetBytes(HostileConfigFiles.Deployment($"{Repository}:v1"));
        await File.WriteAllBytesAsync(Path.Combine(OutsideFolder, "secret.yaml"), victim);
        await File.WriteAllBytesAsync(Path.Combine(OutsideFolder, "dir", "app.yaml"), victim);
        await File.WriteAllTextAsync(Path.Combine(OutsideFolder, "environments.yaml"), "environments:\n  dev:\n    path: clusters/dev\n");
        // Old enough that any rewrite shows in the modification time too.
        foreach (var file in Directory.EnumerateFiles(OutsideFolder, "*", SearchOption.AllDirectories))
            File.SetLastWriteTimeUtc(file, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        daemon = await GitDaemon.StartAsync();
    }

    /// <summary>Creates repository <paramref name="name"/> with <paramref name="files"/>, then commits <paramref name="links"/>
    /// (path → target, as <c>ln -s</c> takes them) on top; returns its URL.</summary>
    public async Task<string> CreateRepositoryAsync(string name, IReadOnlyDictionary<string, byte[]> files, IReadOnlyDictionary<string, string> links)
    {
        var url = await daemon.CreateRepositoryAsync(name, files);
        if (links.Count == 0)
            return url;
        var clone = await daemon.CloneAsync(name);
        try
        {
            foreach (var (path, target) in links)
            {
                var full = Path.Combine(clone, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.CreateSymbolicLink(full, target);
            }
            await GitAsync(clone, "add", "--all");
            await GitAsync(clone, "-c", "user.name=Someone Else", "-c", "user.email=someone@example.com", "-c", "commit.gpgsign=false",
                "commit", "--quiet", "-m", "Add links");
            await GitAsync(clone, "push", "--quiet", "origin", "HEAD:refs/heads/main");
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
        return url;
    }

    /// <summary>Every ref of the repository with its commit.</summary>
    public Task<string> RefsAsync(string name) => daemon.RefsAsync(name);

    /// <summary>The files the newest commit on main changed, sorted.</summary>
    public async Task<string[]> ChangedByLastCommitAsync(string name) =>
        (await daemon.GitAsync(name, "diff-tree", "--no-commit-id", "--name-only", "-r", "main~1", "main"))
        .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToArray();

    /// <summary>How main's tree records <paramref name="path"/>: mode, type and object id.</summary>
    public async Task<string> EntryAsync(string name, string path) => (await daemon.GitAsync(name, "ls-tree", "main", "--", path)).Trim();

    /// <summary>The bytes of <paramref name="path"/> on main.</summary>
    public async Task<byte[]> BytesAsync(string name, string path)
    {
        var clone = await daemon.CloneAsync(name);
        try
        {
            return await File.ReadAllBytesAsync(Path.Combine(clone, path));
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
    }

    /// <summary>The outside folder as a listing of every file with its bytes' hash and modification time.</summary>
    public string Outside()
    {
        var text = new StringBuilder();
        foreach (var file in Directory.EnumerateFileSystemEntries(OutsideFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            text.Append(Path.GetRelativePath(OutsideFolder, file));
            if (File.Exists(file))
                text.Append(' ').Append(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))))
                    .Append(' ').Append(File.GetLastWriteTimeUtc(file).Ticks);
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Replaces the scene's placeholders in one argument or link target.</summary>
    public string Expand(string text, string repo) => text
        .Replace("{config}", daemon.Url(repo))
        .Replace("{repo}", Repository)
        .Replace("{outside}", OutsideFolder);

    Task GitAsync(string directory, params string[] arguments) =>
        git.RunAsync("git", arguments, directory, new Dictionary<string, string?> { ["GIT_CONFIG_NOSYSTEM"] = "1" }, noEcho: true, quiet: true);

    public Task DisposeAsync()
    {
        daemon.Dispose();
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
        }
        return Task.CompletedTask;
    }
}
