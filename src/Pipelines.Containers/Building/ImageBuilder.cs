using System.Formats.Tar;
using System.Text.Json;
using Pipelines.Containers.Registry;
using Pipelines.Tooling;

namespace Pipelines.Containers.Building;

/// <summary>
/// Builds an image from a git working tree: with the docker CLI (BuildKit where available, else the classic builder) or daemonless
/// with <c>dotnet publish -t:PublishContainer</c>. The tag defaults to the commit's short SHA; the OCI labels <c>revision</c>,
/// <c>source</c> and <c>created</c> are set, and a Dockerfile's <see cref="WellKnownBuildArgs"/> are filled in.
/// </summary>
/// <param name="runner">Runs git, docker and dotnet with output through the secret masker.</param>
public sealed class ImageBuilder(ProcessRunner runner)
{
    /// <summary>Builds the image described by <paramref name="options"/>.</summary>
    /// <exception cref="ContainerInputException">The tag is <c>latest</c> or invalid, or the tree is dirty without <see cref="ImageBuildOptions.AllowDirty"/>.</exception>
    public async Task<ImageBuildResult> BuildAsync(ImageBuildOptions options, CancellationToken ct = default)
    {
        ImageReferenceGrammar.EnsureRepository(ContainerInputs.ImageName, options.ImageName, requireHost: false);
        var revision = await GitRevision.ReadAsync(runner, options.RepositoryRoot, ct).ConfigureAwait(false);
        if (revision.IsDirty && !options.AllowDirty)
            throw new ContainerInputException(ContainerInputs.WorkingTree, $"at '{options.RepositoryRoot}' has uncommitted changes", $"commit them, or allow a dirty tree ({ContainerInputs.AllowDirty}) to build a '{revision.ShortSha}-dirty' image");
        var tag = options.Tag ?? (revision.IsDirty ? $"{revision.ShortSha}-dirty" : revision.ShortSha);
        ImageTags.EnsureImmutable(tag);

        var labels = new Dictionary<string, string>
        {
            ["org.opencontainers.image.revision"] = revision.Sha,
            // The commit time, not now: a rebuild of the same commit gets the same labels, so the builder's cache gives the same image ID.
            ["org.opencontainers.image.created"] = (revision.IsDirty ? DateTimeOffset.UtcNow : revision.CommitTime).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        if ((options.SourceUrl ?? revision.OriginUrl) is { Length: > 0 } source)
            labels["org.opencontainers.image.source"] = source;

        return options.Builder == ImageBuilderKind.Dotnet
            ? await BuildWithDotnetAsync(options, tag, revision, labels, ct).ConfigureAwait(false)
            : await BuildWithDockerAsync(options, tag, revision, labels, ct).ConfigureAwait(false);
    }

    async Task<ImageBuildResult> BuildWithDockerAsync(ImageBuildOptions options, string tag, GitRevision revision, Dictionary<string, string> labels, CancellationToken ct)
    {
        var docker = new DockerEngine(runner, options.DockerExecutable, options.Environment);
        await docker.EnsureAnsweringAsync(ct).ConfigureAwait(false);
        var context = options.ContextDirectory ?? options.RepositoryRoot;
        var reference = $"{options.ImageName}:{tag}";
        var iidFile = Path.Combine(Path.GetTempPath(), $"pipelines-iid-{Guid.NewGuid():N}");
        var args = new List<string> { "build", "--iidfile", iidFile, "-t", reference };
        if (options.Dockerfile is not null)
            args.AddRange(["-f", Path.GetFullPath(options.Dockerfile, context)]);
        foreach (var (key, value) in labels)
            args.AddRange(["--label", $"{key}={value}"]);
        var dockerfile = options.Dockerfile is null ? Path.Combine(context, "Dockerfile") : Path.GetFullPath(options.Dockerfile, context);
        var wellKnown = File.Exists(dockerfile)
            ? WellKnownBuildArgs.For(await File.ReadAllTextAsync(dockerfile, ct).ConfigureAwait(false), options.BuildArgs, revision, tag)
            : new Dictionary<string, string>();
        foreach (var (key, value) in options.BuildArgs.Concat(wellKnown))
            args.AddRange(["--build-arg", $"{key}={value}"]);
        if (options.TargetStage is not null)
            args.AddRange(["--target", options.TargetStage]);
        if (options.Platform is not null)
            args.AddRange(["--platform", options.Platform]);
        args.Add(context);

        try
        {
            var buildKit = options.UseBuildKit ?? await SupportsBuildKitAsync(docker, ct).ConfigureAwait(false);
            try
            {
                await RunDockerBuildAsync(docker, args, context, buildKit, ct).ConfigureAwait(false);
            }
            catch (ProcessFailedException e) when (buildKit && options.UseBuildKit is null && MentionsBuildKit(e))
            {
                // Fall back to the classic builder only when BuildKit itself is unavailable, not when the Dockerfile fails.
                await RunDockerBuildAsync(docker, args, context, buildKit: false, ct).ConfigureAwait(false);
            }
            var digest = (await File.ReadAllTextAsync(iidFile, ct).ConfigureAwait(false)).Trim();
            return new ImageBuildResult(reference, tag, digest, revision.Sha, ImageBuilderKind.Docker);
        }
        finally
        {
            File.Delete(iidFile);
        }
    }

    static Task<ProcessResult> RunDockerBuildAsync(DockerEngine docker, List<string> args, string context, bool buildKit, CancellationToken ct) =>
        docker.RunAsync(args, new Dictionary<string, string?> { ["DOCKER_BUILDKIT"] = buildKit ? "1" : "0" }, context, ct: ct);

    static bool MentionsBuildKit(ProcessFailedException e) =>
        e.LastLines.Any(l => l.Contains("buildx", StringComparison.OrdinalIgnoreCase) || l.Contains("buildkit", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A CLI before 23.0 builds with the engine's embedded BuildKit when DOCKER_BUILDKIT=1; later CLIs need the buildx plugin.
    /// </summary>
    static async Task<bool> SupportsBuildKitAsync(DockerEngine docker, CancellationToken ct)
    {
        var version = await docker.RunAsync(["--version"], quiet: true, throwOnError: false, ct: ct).ConfigureAwait(false);
        var match = System.Text.RegularExpressions.Regex.Match(version.StandardOutput, @"version (\d+)\.");
        if (!match.Success)
            return false;
        if (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < 23)
            return true;
        var buildx = await docker.RunAsync(["buildx", "version"], quiet: true, throwOnError: false, ct: ct).ConfigureAwait(false);
        return buildx.Succeeded;
    }

    async Task<ImageBuildResult> BuildWithDotnetAsync(ImageBuildOptions options, string tag, GitRevision revision, Dictionary<string, string> labels, CancellationToken ct)
    {
        var project = options.Project ?? throw new ContainerInputException(ContainerInputs.Project, $"is required by the dotnet {ContainerInputs.ImageBuilder}", $"give the app's .csproj");
        var repository = StripRegistry(options.ImageName);
        var rid = options.Platform switch
        {
            null or "linux/amd64" => "linux-x64",
            "linux/arm64" => "linux-arm64",
            var other => throw new ContainerInputException(ContainerInputs.Platform, $"'{other}' is not supported by the dotnet builder", $"use linux/amd64 or linux/arm64"),
        };
        var args = new List<string>
        {
            "publish", project, "-c", "Release", "-t:PublishContainer", "--nologo",
            $"-p:ContainerRepository={repository}", $"-p:ContainerImageTag={tag}", $"-p:ContainerRuntimeIdentifier={rid}",
            // The SDK only writes the revision and source labels when PublishRepositoryUrl opts in.
            $"-p:SourceRevisionId={revision.Sha}", "-p:PublishRepositoryUrl=true",
        };
        if (labels.TryGetValue("org.opencontainers.image.source", out var source))
            args.AddRange([$"-p:RepositoryUrl={source}", $"-p:PrivateRepositoryUrl={source}"]);
        if (options.BuildArgs.TryGetValue("BASE_IMAGE", out var baseImage))
            args.Add($"-p:ContainerBaseImage={baseImage}");

        var env = new Dictionary<string, string?>(options.Environment) { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        var insecure = new[] { options.PublishRegistry, baseImage?.Split('/')[0] }.Where(h => h is not null && IsLoopback(h)).Distinct().ToList();
        if (insecure.Count > 0)
            env["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = string.Join(';', insecure); // ';' separates; a comma fails silently

        string? archive = null;
        if (options.PublishRegistry is not null)
        {
            args.Add($"-p:ContainerRegistry={options.PublishRegistry}");
        }
        else
        {
            archive = options.ArchivePath ?? Path.Combine(Path.GetTempPath(), $"pipelines-{repository.Replace('/', '-')}-{tag}.tar");
            args.Add($"-p:ContainerArchiveOutputPath={archive}");
        }

        await runner.RunAsync("dotnet", args, options.RepositoryRoot, env, ct: ct).ConfigureAwait(false);

        if (options.PublishRegistry is not null)
        {
            env.TryGetValue("SDK_CONTAINER_REGISTRY_UNAME", out var user);
            env.TryGetValue("SDK_CONTAINER_REGISTRY_PWORD", out var password);
            using var client = new OciRegistryClient(new RegistryClientOptions(options.PublishRegistry)
            {
                Credentials = user is null || password is null ? null : new RegistryCredentials(user, password),
            });
            var descriptor = await client.HeadManifestAsync(repository, tag, ct).ConfigureAwait(false)
                ?? throw new RegistryException($"dotnet publish reported success but {options.PublishRegistry}/{repository}:{tag} is missing", 404, $"check the registry");
            return new ImageBuildResult($"{options.PublishRegistry}/{repository}:{tag}", tag, descriptor.Digest, revision.Sha, ImageBuilderKind.Dotnet, PublishedTo: options.PublishRegistry);
        }
        return new ImageBuildResult($"{repository}:{tag}", tag, await ReadArchiveImageIdAsync(archive!, ct).ConfigureAwait(false), revision.Sha, ImageBuilderKind.Dotnet, ArchivePath: archive);
    }

    /// <summary>The image ID (config digest) recorded in a docker-archive's <c>manifest.json</c>.</summary>
    static async Task<string> ReadArchiveImageIdAsync(string archive, CancellationToken ct)
    {
        await using var stream = File.OpenRead(archive);
        await using var reader = new TarReader(stream);
        while (await reader.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
        {
            if (entry.Name != "manifest.json" || entry.DataStream is null)
                continue;
            using var doc = await JsonDocument.ParseAsync(entry.DataStream, cancellationToken: ct).ConfigureAwait(false);
            var config = doc.RootElement[0].GetProperty("Config").GetString()!;
            var hex = Path.GetFileNameWithoutExtension(config.Split('/')[^1]);
            return "sha256:" + hex;
        }
        throw new PipelinesException(FailureKind.Failure, null, $"'{archive}' has no manifest.json, so dotnet publish wrote no docker archive", $"check the .NET SDK's container support");
    }

    /// <summary>Removes a leading registry host (a first segment with '.' or ':', or <c>localhost</c>).</summary>
    public static string StripRegistry(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return name;
        var first = name[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" ? name[(slash + 1)..] : name;
    }

    static bool IsLoopback(string host)
    {
        var name = host.Split(':')[0];
        return name is "127.0.0.1" or "localhost";
    }
}
