using Pipelines.Containers.Building;
using Pipelines.Containers.Registry;
using Pipelines.Tooling;

namespace Pipelines.Containers.Publishing;

/// <summary>
/// Pushes a built image to any OCI registry, idempotently: when the tag already holds the same image nothing is pushed; when it
/// holds another image and tags are immutable, the push fails with one clear line. Two pushes of one tag on one machine take
/// turns (<see cref="PushLock"/>), so the second skips. The login lives in a private temporary <c>DOCKER_CONFIG</c> that is
/// deleted afterwards and is renewed when the registry refuses it mid-push; the digest is read back from the registry, not
/// trusted from the CLI.
/// </summary>
/// <param name="runner">Runs docker and dotnet with output through the secret masker.</param>
public sealed class ImagePublisher(ProcessRunner runner)
{
    /// <summary>Pushes <paramref name="options"/>.<see cref="ImagePushOptions.Image"/> to <see cref="ImagePushOptions.TargetRepository"/>.</summary>
    /// <exception cref="ImageTagConflictException">An immutable tag holds another image, or <c>latest</c> was asked for with immutable tags.</exception>
    /// <exception cref="RegistryAuthenticationException">The registry refused the credentials.</exception>
    public async Task<ImagePushResult> PushAsync(ImagePushOptions options, CancellationToken ct = default)
    {
        var tag = options.Tag ?? options.Image.Tag;
        ImageTags.EnsureImmutable(tag);
        if (options.AlsoTagLatest && options.TagsImmutable)
            throw new ImageTagConflictException(FailureKind.BadInput, ContainerInputs.AlsoTagLatest, $"is refused: {options.TargetRepository} has {ContainerInputs.ImmutableTags}, so 'latest' could never move", $"drop the {ContainerInputs.AlsoTagLatest}, or turn {ContainerInputs.ImmutableTags} off");

        var (registry, path) = SplitRepository(options.TargetRepository);
        var credentials = options.Credentials;
        if (credentials is not null)
            runner.Masker.Add(credentials.Password);
        Func<CancellationToken, Task<RegistryCredentials>>? refresh = options.RefreshCredentials is null ? null : async c =>
        {
            var fresh = await options.RefreshCredentials(c).ConfigureAwait(false);
            runner.Masker.Add(fresh.Password);
            return credentials = fresh;
        };
        using var client = new OciRegistryClient(new RegistryClientOptions(registry)
        {
            Credentials = credentials, PlainHttp = options.PlainHttp, RefreshCredentials = refresh, Bounds = options.Bounds,
        });

        var target = $"{options.TargetRepository}:{tag}";
        using var turn = await PushLock.AcquireAsync(target, options.LockTimeout, options.Log, ct).ConfigureAwait(false);
        var existing = await client.HeadManifestAsync(path, tag, ct).ConfigureAwait(false);
        if (existing is not null)
        {
            if (await SameImageReasonAsync(client, path, tag, existing, options.Image, ct).ConfigureAwait(false) is { } reason)
            {
                options.Log?.WriteLine($"{options.TargetRepository}:{tag} already holds this image ({existing.Digest}, {reason}); skipping the push");
                var latest = await TagLatestAsync(client, path, existing.Digest, options, ct).ConfigureAwait(false);
                return new ImagePushResult(options.TargetRepository, tag, existing.Digest, Skipped: true, latest);
            }
            if (options.TagsImmutable)
                throw new ImageTagConflictException(FailureKind.Failure, ContainerInputs.ImageTag,
                    $"{tag} already holds a different image in {options.TargetRepository} ({existing.Digest}) and tags are immutable", $"build from a new commit or give another {ContainerInputs.ImageTag}");
            options.Log?.WriteLine($"{options.TargetRepository}:{tag} holds another image ({existing.Digest}); overwriting (tags are mutable)");
        }

        using (var config = TemporaryDockerConfig.Create(registry, credentials ?? new RegistryCredentials("", ""), runner.Masker, options.TemporaryDirectory))
        {
            if (options.Image.Builder == ImageBuilderKind.Dotnet)
                await RepublishAsync(options, registry, path, tag, config, credentials, ct).ConfigureAwait(false);
            else
                await DockerPushAsync(options, target, config, fresh =>
                {
                    config.Login(registry, fresh, runner.Masker);
                    client.UseCredentials(fresh);
                }, refresh, ct).ConfigureAwait(false);
        }

        var pushed = await client.HeadManifestAsync(path, tag, ct).ConfigureAwait(false)
            ?? throw new RegistryException($"the push reported success but {target} is not in the registry", 404, $"check the registry's storage");
        options.Log?.WriteLine($"Pushed {target}@{pushed.Digest}");
        var tagged = await TagLatestAsync(client, path, pushed.Digest, options, ct).ConfigureAwait(false);
        return new ImagePushResult(options.TargetRepository, tag, pushed.Digest, Skipped: false, tagged);
    }

    async Task DockerPushAsync(ImagePushOptions options, string target, TemporaryDockerConfig config, Action<RegistryCredentials> login,
        Func<CancellationToken, Task<RegistryCredentials>>? refresh, CancellationToken ct)
    {
        var docker = new DockerEngine(runner, options.DockerExecutable,
            new Dictionary<string, string?>(options.Environment) { ["DOCKER_CONFIG"] = config.DirectoryPath });
        await docker.RunAsync(["tag", options.Image.Reference, target], ct: ct).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await docker.RunAsync(["push", target], ct: ct).ConfigureAwait(false);
                return;
            }
            catch (ProcessFailedException e) when (attempt < options.PushAttempts && refresh is not null && IsRefusedLogin(e))
            {
                // An ECR token that expired mid-push: layers already uploaded stay, the next push skips them.
                options.Log?.WriteLine($"docker push {target} was refused ({e.LastLines.LastOrDefault(l => l.Length > 0)}); renewing the registry login and retrying ({attempt + 1}/{options.PushAttempts})");
                login(await refresh(ct).ConfigureAwait(false));
            }
            catch (ProcessFailedException e) when (attempt < options.PushAttempts && !IsRefusedLogin(e) && !IsTagConflict(e))
            {
                options.Log?.WriteLine($"docker push {target} failed ({e.LastLines.LastOrDefault(l => l.Length > 0)}); retrying ({attempt + 1}/{options.PushAttempts})");
                await Task.Delay(options.PushRetryDelay * attempt, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The registry refused the login (wrong, expired or missing credentials): only new credentials can help. A refused
    /// HEAD has no body, which docker reports as "error parsing HTTP 403 response body".</summary>
    static bool IsRefusedLogin(ProcessFailedException e) =>
        Mentions(e, "unauthorized", "denied", "authentication required", "forbidden", "no basic auth credentials", "token has expired", "HTTP 401", "HTTP 403");

    /// <summary>An immutable tag holds another image: no second push can help.</summary>
    static bool IsTagConflict(ProcessFailedException e) => Mentions(e, "tag invalid", "cannot be overwritten");

    static bool Mentions(ProcessFailedException e, params string[] phrases)
    {
        var text = string.Join(' ', e.LastLines);
        return phrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));
    }

    async Task RepublishAsync(ImagePushOptions options, string registry, string path, string tag, TemporaryDockerConfig config, RegistryCredentials? credentials, CancellationToken ct)
    {
        var rebuild = options.Rebuild
            ?? throw new ArgumentException("a daemonless (dotnet) image is pushed by re-publishing it; pass the build options as Rebuild", nameof(options));
        var env = new Dictionary<string, string?>(rebuild.Environment);
        foreach (var (key, value) in options.Environment)
            env[key] = value;
        env["DOCKER_CONFIG"] = config.DirectoryPath;
        if (credentials is { } c)
        {
            env["SDK_CONTAINER_REGISTRY_UNAME"] = c.Username;
            env["SDK_CONTAINER_REGISTRY_PWORD"] = c.Password;
        }
        await new ImageBuilder(runner).BuildAsync(rebuild with
        {
            ImageName = path, Tag = tag, PublishRegistry = registry, Environment = env, Builder = ImageBuilderKind.Dotnet,
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The tag holds our image when its digest or config digest (image ID) matches, or, for a clean build, when it was built from
    /// the same commit: a rebuild on a fresh agent has a new image ID but the same source, and re-pushing it would only move the tag.
    /// </summary>
    static async Task<string?> SameImageReasonAsync(OciRegistryClient client, string path, string tag, ManifestDescriptor existing, ImageBuildResult image, CancellationToken ct)
    {
        if (existing.Digest == image.Digest)
            return "same digest";
        var manifest = await client.GetManifestAsync(path, tag, ct).ConfigureAwait(false);
        if (manifest.ConfigDigest == image.Digest)
            return "same image ID";
        if (manifest.ConfigDigest is not null && !image.Tag.EndsWith("-dirty", StringComparison.Ordinal))
        {
            var labels = await client.GetLabelsAsync(path, tag, ct).ConfigureAwait(false);
            if (labels.TryGetValue("org.opencontainers.image.revision", out var revision) && revision == image.SourceCommit)
                return $"built from the same commit {image.SourceCommit[..Math.Min(12, image.SourceCommit.Length)]}";
        }
        return null;
    }

    static async Task<bool> TagLatestAsync(OciRegistryClient client, string path, string digest, ImagePushOptions options, CancellationToken ct)
    {
        if (!options.AlsoTagLatest)
            return false;
        await client.RetagAsync(path, digest, "latest", ct).ConfigureAwait(false);
        options.Log?.WriteLine($"Tagged {options.TargetRepository}:latest -> {digest}");
        return true;
    }

    /// <summary>Splits <c>host[:port]/path</c> into the registry host and the repository path.</summary>
    public static (string Registry, string Path) SplitRepository(string repository)
    {
        ImageReferenceGrammar.EnsureRepository(ContainerInputs.ImageRepository, repository, requireHost: true);
        var slash = repository.IndexOf('/', StringComparison.Ordinal);
        return (repository[..slash], repository[(slash + 1)..]);
    }
}
