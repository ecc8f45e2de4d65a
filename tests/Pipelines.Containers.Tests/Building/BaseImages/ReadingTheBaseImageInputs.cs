using Pipelines.Containers.Building;

namespace Pipelines.Containers.Tests.Building.BaseImages;

/// <summary>The text the base image decision reads: the Dockerfile's ARG BASE_IMAGE, apt's sources, image names and mirrors.</summary>
public sealed class ReadingTheBaseImageInputs
{
    [Theory]
    [InlineData("ARG BASE_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0\nFROM ${BASE_IMAGE}\n", "mcr.microsoft.com/dotnet/aspnet:10.0")]
    [InlineData("# comment\nARG BASE_IMAGE\nARG OTHER=1\nFROM $BASE_IMAGE AS app\n", "")]
    [InlineData("ARG BASE_IMAGE=\"registry/x:1\"\nFROM --platform=linux/amd64 ${BASE_IMAGE}\n", "registry/x:1")]
    [InlineData("FROM mcr.microsoft.com/dotnet/aspnet:10.0\nARG BASE_IMAGE=x\n", null)]
    [InlineData("ARG BASE_IMAGE=x\nFROM scratch\n", null)]
    [InlineData("FROM ${BASE_IMAGE}\n", null)]
    public void The_Dockerfile_s_base_is_its_ARG_BASE_IMAGE_when_the_first_FROM_uses_it(string dockerfile, string? expected) =>
        Assert.Equal(expected, DockerfileBaseImage.DefaultOf(dockerfile));

    [Fact]
    public void The_archive_is_the_first_enabled_deb_entry_debootstrap_knows()
    {
        var folder = Directory.CreateTempSubdirectory("pipelines-apt-").FullName;
        File.WriteAllText(Path.Combine(folder, "a-nodesource.sources"),
            "Types: deb\nURIs: https://deb.nodesource.com/node_20.x\nSuites: nodistro\nComponents: main\n");
        File.WriteAllText(Path.Combine(folder, "b-disabled.sources"),
            "Types: deb\nURIs: http://old.example/debian\nSuites: bookworm\nComponents: main\nEnabled: no\n");
        File.WriteAllText(Path.Combine(folder, "c-src.list"), "deb-src http://deb.debian.org/debian bookworm main\n");
        File.WriteAllText(Path.Combine(folder, "d-mirror.list"), "# mirror\ndeb [arch=amd64 signed-by=/k.gpg] http://mirrors.example.cn/debian/ bookworm main contrib\n");
        File.WriteAllText(Path.Combine(folder, "e-later.sources"), "Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\n");

        var archive = DebianArchive.Read(folder, isKnownSuite: s => s is "bookworm" or "jammy");

        Assert.Equal("http://mirrors.example.cn/debian/ bookworm", archive?.ToString());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void No_usable_entry_means_no_archive()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pipelines-{Guid.NewGuid():N}.list");
        File.WriteAllText(file, "deb file:/srv/local ./\ndeb https://packages.cloud.google.com/apt cloud-sdk main\n");

        Assert.Null(DebianArchive.Read(file, isKnownSuite: s => s == "bookworm"));
        File.Delete(file);
    }

    [Theory]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0", "mirror.example/p", "mirror.example/p/dotnet/aspnet:10.0")]
    [InlineData("node:20", "mirror.example:5000", "mirror.example:5000/library/node:20")]
    [InlineData("docker.io/library/node:20", "mirror.example", "mirror.example/library/node:20")]
    [InlineData("team/app:1", "m.example/", "m.example/team/app:1")]
    [InlineData("localhost:5000/app:1", "m.example", "m.example/app:1")]
    public void A_mirror_keeps_the_path_and_drops_the_registry(string reference, string mirror, string expected) =>
        Assert.Equal(expected, ImageNames.Mirrored(reference, mirror));

    [Theory]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0", true, true)]
    [InlineData("mirror.example/mcr/dotnet/runtime:10.0@sha256:00", true, true)]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0", true, false)]
    [InlineData("pipelines/offline-base:bookworm-abc", false, false)]
    [InlineData("node:20", false, true)]
    public void Dotnet_bases_are_known_by_their_path(string reference, bool dotnetBase, bool carriesRuntime)
    {
        Assert.Equal(dotnetBase, ImageNames.IsDotnetRuntimeImage(reference));
        Assert.Equal(carriesRuntime, ImageNames.CarriesDotnetRuntime(reference));
    }

    [Theory]
    [InlineData("registry.example.com/team/app", true)]
    [InlineData("127.0.0.1:5000/app", true)]
    [InlineData("registry:5000/a/b", true)]
    [InlineData("localhost/app", true)]
    [InlineData("[::1]:5000/app", true)]
    [InlineData("app", false)]
    [InlineData("team/app", false)]
    public void Repository_names_follow_the_distribution_grammar(string repository, bool hasHost)
    {
        ImageReferenceGrammar.EnsureRepository(ContainerInputs.ImageRepository, repository, requireHost: false);
        if (hasHost)
            ImageReferenceGrammar.EnsureRepository(ContainerInputs.ImageRepository, repository, requireHost: true);
        else
            Assert.Throws<ContainerInputException>(() => ImageReferenceGrammar.EnsureRepository(ContainerInputs.ImageRepository, repository, requireHost: true));
    }

    [Theory]
    [InlineData("Registry.example/Team/App")]
    [InlineData("registry.example/app:1")]
    [InlineData("registry.example/app@sha256:0")]
    [InlineData("registry.example/a..b")]
    [InlineData("registry.example//app")]
    [InlineData("-registry/app")]
    [InlineData("")]
    public void Malformed_repository_names_are_refused(string repository) =>
        Assert.Throws<ContainerInputException>(() => ImageReferenceGrammar.EnsureRepository(ContainerInputs.ImageRepository, repository, requireHost: false));

    [Fact]
    public void A_name_over_255_characters_is_refused_with_its_length()
    {
        var name = "registry.example/" + new string('a', 239);

        var error = Assert.Throws<ContainerInputException>(() => ImageReferenceGrammar.EnsureRepository(ContainerInputs.ImageRepository, name, requireHost: true));

        Assert.Equal("image repository is 256 characters long, more than the 255 a registry accepts; pass a shorter name", error.Message);
        ImageReferenceGrammar.EnsureRepository(ContainerInputs.ImageRepository, name[..^1], requireHost: true);
    }
}
