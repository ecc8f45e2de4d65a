using Pipelines.Containers.Building;
using Pipelines.Testing.Docker;
using Pipelines.Tooling;

namespace Pipelines.Containers.Tests.Building.BaseImages;

/// <summary>
/// The base image decision against a real engine: what is given is used as it is, what the engine has is used without asking a
/// registry, an answering registry or mirror is used, and an unreachable .NET base gives way to the offline base (here built by
/// a stand-in, since debootstrap takes a minute; the main job builds the real one) while any other unreachable base fails in
/// one line.
/// </summary>
[Collection(ContainerPartsCollection.Name)]
public sealed class ChoosingTheBaseImage(ContainerParts parts)
{
    const string Official = "mcr.microsoft.com/dotnet/aspnet:10.0";
    readonly List<string> _probed = [];
    readonly List<DebianArchive> _offlineBuilds = [];

    BaseImageResolver Resolver(string? unreachable = "could not be resolved", string debootstrapScripts = DebianArchive.DebootstrapScripts)
    {
        var runner = new ProcessRunner(new SecretMasker(), TextWriter.Null);
        return new BaseImageResolver(runner, new DockerEngine(runner, DockerDaemon.Cli, parts.Docker.Environment))
        {
            DebootstrapScripts = debootstrapScripts,
            Probe = (registry, _, _) =>
            {
                lock (_probed)
                    _probed.Add(registry);
                return Task.FromResult(unreachable is null ? null : $"{registry} {unreachable}");
            },
            BuildOfflineBase = (archive, _, _) =>
            {
                _offlineBuilds.Add(archive);
                return Task.FromResult((OfflineBaseImage.ReferenceFor(archive), true));
            },
        };
    }

    static BaseImageRequest Request(string wanted = Official) => new(wanted) { AptSources = AptSources() };

    static string AptSources()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pipelines-sources-{Guid.NewGuid():N}.sources");
        File.WriteAllText(file, "Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\n");
        return file;
    }

    [Fact]
    public async Task A_given_base_is_used_as_it_is_without_asking_its_registry()
    {
        var resolved = await Resolver().ResolveAsync(Request() with { Given = "registry.internal:5000/base/aspnet:10.0" });

        Assert.Equal(("registry.internal:5000/base/aspnet:10.0", BaseImageSource.Given, true), (resolved.Reference, resolved.Source, resolved.HasDotnetRuntime));
        Assert.Empty(_probed);
    }

    [Fact]
    public async Task A_base_the_engine_has_is_used_without_asking_its_registry()
    {
        var local = $"registry.example/dotnet/aspnet:{Guid.NewGuid():N}"[..48];
        await BusyboxImageAsync(local);

        var resolved = await Resolver().ResolveAsync(Request(local));

        Assert.Equal((local, BaseImageSource.Local), (resolved.Reference, resolved.Source));
        Assert.Empty(_probed);
    }

    [Fact]
    public async Task The_official_base_is_used_when_its_registry_answers()
    {
        var resolved = await Resolver(unreachable: null).ResolveAsync(Request());

        Assert.Equal((Official, BaseImageSource.Registry, true), (resolved.Reference, resolved.Source, resolved.HasDotnetRuntime));
        Assert.Equal(["mcr.microsoft.com"], _probed);
        Assert.Empty(_offlineBuilds);
    }

    [Fact]
    public async Task A_mirror_serves_the_base_under_its_own_prefix()
    {
        var resolved = await Resolver(unreachable: null).ResolveAsync(Request() with { Mirror = "harbor.example.cn:8443/mcr-proxy/" });

        Assert.Equal(("harbor.example.cn:8443/mcr-proxy/dotnet/aspnet:10.0", BaseImageSource.Mirror), (resolved.Reference, resolved.Source));
        Assert.Equal(["harbor.example.cn:8443"], _probed);
    }

    [Fact]
    public async Task An_unreachable_dotnet_base_gives_way_to_the_offline_base_and_the_app_goes_self_contained()
    {
        var resolved = await Resolver().ResolveAsync(Request());

        Assert.Equal(BaseImageSource.OfflineDebian, resolved.Source);
        Assert.False(resolved.HasDotnetRuntime);
        Assert.StartsWith("pipelines/offline-base:bookworm-", resolved.Reference);
        Assert.Equal("http://deb.debian.org/debian bookworm", Assert.Single(_offlineBuilds).ToString());
        Assert.Contains("in place of mcr.microsoft.com/dotnet/aspnet:10.0 (mcr.microsoft.com could not be resolved)", resolved.Reason);
        Assert.Contains("self-contained", resolved.Reason);
    }

    [Fact]
    public async Task The_offline_base_is_used_at_once_when_asked_for()
    {
        var resolved = await Resolver(unreachable: null).ResolveAsync(Request() with { OfflineBase = OfflineBasePolicy.Always });

        Assert.Equal(BaseImageSource.OfflineDebian, resolved.Source);
        Assert.Empty(_probed);
    }

    // Without debootstrap no suite is known, so the apt sources would seem to name no archive: the line says which it is.
    [Theory]
    [InlineData(false, "needs debootstrap, which is not installed")]
    [InlineData(true, "cannot be built: apt's sources name no Debian or Ubuntu archive that debootstrap knows")]
    public async Task Without_an_archive_debootstrap_knows_the_offline_base_says_whether_debootstrap_is_missing(bool installed, string problem)
    {
        var scripts = Directory.CreateTempSubdirectory("debootstrap-scripts-").FullName;
        try
        {
            if (!installed)
                Directory.Delete(scripts);

            var error = await Assert.ThrowsAsync<PipelinesException>(() => Resolver(debootstrapScripts: scripts).ResolveAsync(Request()));

            Assert.Contains(problem, error.Message);
            Assert.DoesNotContain('\n', error.Message);
            Assert.Empty(_offlineBuilds);
        }
        finally
        {
            if (Directory.Exists(scripts))
                Directory.Delete(scripts);
        }
    }

    [Theory]
    [InlineData("node:20", OfflineBasePolicy.Auto)]
    [InlineData(Official, OfflineBasePolicy.Never)]
    public async Task Any_other_unreachable_base_fails_in_one_line(string wanted, OfflineBasePolicy policy)
    {
        var error = await Assert.ThrowsAsync<BaseImageUnreachableException>(() => Resolver().ResolveAsync(Request(wanted) with { OfflineBase = policy }));

        Assert.StartsWith($"base image {wanted} cannot be pulled: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(ContainerInputs.BaseImageMirror, error.Remedy.Mentions);
        Assert.Empty(_offlineBuilds);
    }

    [Fact]
    public async Task A_docker_hub_base_is_asked_of_docker_hub_s_registry()
    {
        await Resolver(unreachable: null).ResolveAsync(Request("node:20"));

        Assert.Equal(["registry-1.docker.io"], _probed);
    }

    [Theory]
    [InlineData("Registry.Example/App:1", null)]
    [InlineData("registry.example/app@sha256:123", null)]
    [InlineData("registry.example/app:.hidden", null)]
    public async Task A_malformed_given_base_is_refused_before_anything_is_asked(string given, string? _)
    {
        var error = await Assert.ThrowsAsync<ContainerInputException>(() => Resolver().ResolveAsync(Request() with { Given = given }));

        Assert.Same(ContainerInputs.BaseImage, error.Input);
        Assert.Empty(_probed);
    }

    async Task BusyboxImageAsync(string reference)
    {
        var context = Path.Combine(Path.GetTempPath(), "pbase-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(context);
        File.Copy(RequiredTool.Find("busybox", "busybox-static"), Path.Combine(context, "busybox"));
        await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n");
        var (code, _, error) = await ContainerParts.RunAsync(DockerDaemon.Cli, new Dictionary<string, string?>(parts.Docker.Environment) { ["DOCKER_BUILDKIT"] = "0" },
            "build", "-q", "-t", reference, context);
        Directory.Delete(context, recursive: true);
        Assert.True(code == 0, error);
    }
}
