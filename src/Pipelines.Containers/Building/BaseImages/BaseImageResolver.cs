using System.Text.Json;
using Pipelines.Tooling;

namespace Pipelines.Containers.Building;

/// <summary>
/// Decides the base image an app image is built on, without hanging on a registry that cannot be reached (from the China
/// regions, <c>mcr.microsoft.com</c> and Docker Hub are often slow or blocked): a given base is used as it is; otherwise the
/// Dockerfile's base when the engine has it, or when its registry (or a mirror) answers within a few seconds; otherwise, for a
/// .NET runtime base, a base built from the Debian archive apt already uses, with the app published self-contained.
/// </summary>
/// <param name="runner">Runs docker, debootstrap and tar.</param>
/// <param name="engine">The engine that builds the image.</param>
public sealed class BaseImageResolver(ProcessRunner runner, DockerEngine engine)
{
    /// <summary>Asks whether a registry answers: null when it does, else why not. <see cref="RegistryProbe"/> when not replaced.</summary>
    public Func<string, TimeSpan, CancellationToken, Task<string?>> Probe { get; init; } =
        (registry, timeout, ct) => RegistryProbe.WhyUnreachableAsync(registry, timeout, ct: ct);

    /// <summary>Builds the offline base for an archive: <see cref="OfflineBaseImage"/> when not replaced.</summary>
    public Func<DebianArchive, TextWriter?, CancellationToken, Task<(string Reference, bool Built)>>? BuildOfflineBase { get; init; }

    /// <summary>Where debootstrap keeps its per-suite scripts: which suites it can build, and whether it is installed at all.</summary>
    public string DebootstrapScripts { get; init; } = DebianArchive.DebootstrapScripts;

    /// <summary>Resolves <paramref name="request"/>.</summary>
    /// <exception cref="BaseImageUnreachableException">The base cannot be pulled and nothing may stand in for it.</exception>
    public async Task<ResolvedBaseImage> ResolveAsync(BaseImageRequest request, TextWriter? log = null, CancellationToken ct = default)
    {
        if (request.Mirror is { Length: > 0 } named)
            // A mirror is the start of a repository name (host[:port][/prefix]): any path below it must be a valid name.
            ImageReferenceGrammar.EnsureRepository(ContainerInputs.BaseImageMirror, named.TrimEnd('/') + "/library", requireHost: true);
        if (request.Given is { Length: > 0 } given)
        {
            ImageReferenceGrammar.EnsureReference(ContainerInputs.BaseImage, given);
            return new ResolvedBaseImage(given, BaseImageSource.Given, ImageNames.CarriesDotnetRuntime(given), $"base image {given} (given)");
        }
        var wanted = request.Wanted;
        var runtime = ImageNames.IsDotnetRuntimeImage(wanted);
        if (request.OfflineBase == OfflineBasePolicy.Always && runtime)
            return await OfflineAsync(request, wanted, "the offline base is asked for", log, ct).ConfigureAwait(false);
        if (await engine.HasImageAsync(wanted, ct).ConfigureAwait(false))
            return new ResolvedBaseImage(wanted, BaseImageSource.Local, ImageNames.CarriesDotnetRuntime(wanted), $"base image {wanted} (already in the engine)");

        var candidate = request.Mirror is { Length: > 0 } mirror ? ImageNames.Mirrored(wanted, mirror) : wanted;
        var registry = await PulledFromAsync(candidate, ct).ConfigureAwait(false);
        var why = await Probe(registry, request.ProbeTimeout, ct).ConfigureAwait(false);
        if (why is null)
        {
            var source = request.Mirror is null ? BaseImageSource.Registry : BaseImageSource.Mirror;
            return new ResolvedBaseImage(candidate, source, ImageNames.CarriesDotnetRuntime(candidate),
                $"base image {candidate} ({(source == BaseImageSource.Mirror ? "mirror" : "registry")} {registry} answers)");
        }
        if (request.OfflineBase == OfflineBasePolicy.Never || !runtime)
            throw new BaseImageUnreachableException(candidate, why, offlinePossible: runtime);
        return await OfflineAsync(request, candidate, why, log, ct).ConfigureAwait(false);
    }

    async Task<ResolvedBaseImage> OfflineAsync(BaseImageRequest request, string replaced, string why, TextWriter? log, CancellationToken ct)
    {
        var archive = DebianArchive.Read(request.AptSources, DebianArchive.SuitesIn(DebootstrapScripts))
            ?? throw (Directory.Exists(DebootstrapScripts)
                ? new PipelinesException(FailureKind.Failure, ContainerInputs.OfflineBase,
                    $"cannot be built: apt's sources name no Debian or Ubuntu archive that debootstrap knows",
                    $"give a {ContainerInputs.BaseImage} or a {ContainerInputs.BaseImageMirror}")
                : new PipelinesException(FailureKind.Failure, ContainerInputs.OfflineBase,
                    $"needs debootstrap, which is not installed",
                    $"install it (apt-get install debootstrap), or give a {ContainerInputs.BaseImage} or {ContainerInputs.BaseImageMirror}"));
        var build = BuildOfflineBase ?? new OfflineBaseImage(runner, engine).EnsureAsync;
        var (reference, built) = await build(archive, log, ct).ConfigureAwait(false);
        return new ResolvedBaseImage(reference, BaseImageSource.OfflineDebian, HasDotnetRuntime: false,
            $"base image {reference}, {(built ? "built now" : "built earlier")} from {archive} in place of {replaced} ({why}); the app is published self-contained");
    }

    /// <summary>The registry the engine pulls <paramref name="reference"/> from: its own host, or for Docker Hub the engine's first
    /// configured mirror (<c>registry-mirrors</c> in daemon.json), else Docker Hub's registry.</summary>
    async Task<string> PulledFromAsync(string reference, CancellationToken ct)
    {
        var registry = ImageNames.RegistryOf(reference);
        if (registry != ImageNames.DockerHub)
            return registry;
        var info = await engine.RunAsync(["info", "--format", "{{json .RegistryConfig.Mirrors}}"], quiet: true, throwOnError: false, timeout: DockerEngine.AnswerBound, ct: ct)
            .ConfigureAwait(false);
        try
        {
            if (info.Succeeded && JsonSerializer.Deserialize<string[]>(info.StandardOutput.Trim()) is [var first, ..] && Uri.TryCreate(first, UriKind.Absolute, out var mirror))
                return mirror.IsDefaultPort ? mirror.Host : $"{mirror.Host}:{mirror.Port}";
        }
        catch (JsonException)
        {
        }
        return "registry-1.docker.io";
    }
}
