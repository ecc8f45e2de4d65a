using Pipelines.Testing;
using Pipelines.Testing.Docker;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>
/// A copy of samples/gitops-app-demo as its own git repository (with the repository-wide MSBuild settings it builds with),
/// plus a FROM-scratch busybox Dockerfile so the image builds in a second with no base image. Like the app, the image serves
/// <c>/healthz</c> and <c>/version</c> (the commit and tag DockerBuild passes in) on 8080, with busybox httpd, so SmokeTest runs it.
/// </summary>
public sealed class SampleAppRepository : IDisposable
{
    readonly string _parent;

    SampleAppRepository(string parent) => (_parent, Root) = (parent, Path.Combine(parent, "gitops-app-demo"));

    /// <summary>The repository root (with .nuke/).</summary>
    public string Root { get; }

    /// <summary>The small Dockerfile, relative to <see cref="Root"/>.</summary>
    public const string Dockerfile = "e2e.Dockerfile";

    /// <summary>The image <see cref="Dockerfile"/> builds: busybox httpd serving what the sample app serves.</summary>
    public const string ServingDockerfile = """
        FROM scratch
        COPY out/busybox /bin/busybox
        ARG SOURCE_COMMIT=unknown
        ARG IMAGE_TAG=unknown
        RUN ["/bin/busybox", "sh", "-c", "mkdir -p /www && echo ok > /www/healthz && printf '{\"version\":\"%s\",\"commit\":\"%s\"}' \"$IMAGE_TAG\" \"$SOURCE_COMMIT\" > /www/version"]
        EXPOSE 8080
        ENTRYPOINT ["/bin/busybox", "httpd", "-f", "-p", "8080", "-h", "/www"]

        """;

    public static async Task<SampleAppRepository> CreateAsync()
    {
        var source = SourceTree.Root;
        // The sample's own tests look for a folder named gitops-app-demo.
        var parent = Path.Combine(Path.GetTempPath(), "pipelines-e2e-" + Guid.NewGuid().ToString("N")[..10]);
        var root = Path.Combine(parent, "gitops-app-demo");
        var sample = Path.Combine(source, "samples", "gitops-app-demo");
        foreach (var folder in new[] { "src", "tests" })
            CopyFolder(Path.Combine(sample, folder), Path.Combine(root, folder));
        foreach (var file in new[] { "Dockerfile", ".dockerignore", ".gitignore" })
            File.Copy(Path.Combine(sample, file), Path.Combine(root, file));
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props" })
            File.Copy(Path.Combine(source, file), Path.Combine(root, file));
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        await File.WriteAllTextAsync(Path.Combine(root, ".gitignore"), "out/\nbin/\nobj/\nartifacts/\n");
        // .dockerignore lets only out/ into the context, so busybox goes there (out/ is ignored by git: the tree stays clean).
        Directory.CreateDirectory(Path.Combine(root, "out"));
        File.Copy(RequiredTool.Find("busybox", "busybox-static"), Path.Combine(root, "out", "busybox"));
        await File.WriteAllTextAsync(Path.Combine(root, Dockerfile), ServingDockerfile);
        await ContainerParts.GitAsync(root, "init", "-q", "-b", "main");
        await ContainerParts.GitAsync(root, "add", "-A");
        await ContainerParts.GitAsync(root, "-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-q", "-m", "gitops-app-demo");
        return new SampleAppRepository(parent);
    }

    public Task<string> ShortShaAsync() => ContainerParts.GitAsync(Root, "rev-parse", "--short", "HEAD");

    public void Dispose()
    {
        try { Directory.Delete(_parent, recursive: true); }
        catch (IOException) { }
    }

    static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
                continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
