using System.Text.Json;
using Pipelines.Containers.Building;
using Pipelines.Testing.Docker;
using Pipelines.Tooling;

namespace Pipelines.Containers.Tests.Building;

/// <summary>The docker builder with BuildKit and with the classic builder: build args (given and well-known), target stage, labels.</summary>
[Collection(ContainerPartsCollection.Name)]
public sealed class DockerBuilds(ContainerParts parts)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Build_args_and_the_target_stage_reach_the_image(bool buildKit)
    {
        var repo = await ContainerParts.CreateAppRepositoryAsync("stages");
        await File.WriteAllTextAsync(Path.Combine(repo, "Dockerfile"), """
            FROM scratch AS base
            COPY busybox /bin/busybox
            FROM base AS app
            ARG GREETING=unset
            ARG SOURCE_COMMIT=unset
            ARG IMAGE_TAG=unset
            ARG SOURCE_DATE_EPOCH=unset
            LABEL greeting=$GREETING commit=$SOURCE_COMMIT tag=$IMAGE_TAG epoch=$SOURCE_DATE_EPOCH
            COPY marker.txt /marker.txt
            FROM base AS other
            LABEL stage=other
            """);
        await ContainerParts.GitAsync(repo, "-c", "user.name=ci", "-c", "user.email=ci@example.com", "commit", "-q", "-am", "stages");
        var sha = await ContainerParts.GitAsync(repo, "rev-parse", "HEAD");
        var epoch = await ContainerParts.GitAsync(repo, "log", "-1", "--format=%ct");

        var built = await new ImageBuilder(new ProcessRunner(new SecretMasker(), TextWriter.Null)).BuildAsync(new ImageBuildOptions(repo, "stages")
        {
            BuildArgs = new Dictionary<string, string> { ["GREETING"] = "hello" },
            TargetStage = "app",
            UseBuildKit = buildKit,
            Environment = parts.Docker.Environment,
            DockerExecutable = DockerDaemon.Cli,
        });

        var (code, stdout, stderr) = await ContainerParts.RunAsync(DockerDaemon.Cli, parts.Docker.Environment, "image", "inspect", "--format", "{{json .Config.Labels}}", built.Reference);
        Assert.True(code == 0, stderr);
        var labels = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("hello", labels.GetProperty("greeting").GetString());
        Assert.Equal(sha, labels.GetProperty("commit").GetString());
        Assert.Equal(built.Tag, labels.GetProperty("tag").GetString());
        Assert.Equal(epoch, labels.GetProperty("epoch").GetString());
        Assert.False(labels.TryGetProperty("stage", out _));
        Assert.Equal(sha, labels.GetProperty("org.opencontainers.image.revision").GetString());
        var (_, id, _) = await ContainerParts.RunAsync(DockerDaemon.Cli, parts.Docker.Environment, "image", "inspect", "--format", "{{.Id}}", built.Reference);
        Assert.Equal(id.Trim(), built.Digest);
        Directory.Delete(repo, recursive: true);
    }

    [Fact]
    public void Well_known_args_are_passed_only_when_declared_and_not_given()
    {
        var revision = new GitRevision("0123456789abcdef0123456789abcdef01234567", "0123456", false, null, DateTimeOffset.FromUnixTimeSeconds(1700000000));
        var dockerfile = "FROM scratch\n  arg SOURCE_COMMIT\nARG IMAGE_TAG=dev\n# ARG SOURCE_DATE_EPOCH\nRUN echo ARG SOURCE_DATE_EPOCH\n";

        var args = WellKnownBuildArgs.For(dockerfile, new Dictionary<string, string> { ["IMAGE_TAG"] = "given" }, revision, "0123456");

        Assert.Equal(new Dictionary<string, string> { ["SOURCE_COMMIT"] = revision.Sha }, args);
    }

    [Fact]
    public async Task No_engine_is_one_line_with_the_CLI_s_own_reason_and_what_to_do()
    {
        var repo = await ContainerParts.CreateAppRepositoryAsync("no-engine");
        var socket = Path.Combine(Path.GetTempPath(), $"no-docker-{Guid.NewGuid():N}.sock");

        var error = await Assert.ThrowsAsync<ContainerEngineUnavailableException>(() =>
            new ImageBuilder(new ProcessRunner(new SecretMasker(), TextWriter.Null)).BuildAsync(new ImageBuildOptions(repo, "no-engine")
            {
                Environment = new Dictionary<string, string?> { ["DOCKER_HOST"] = "unix://" + socket },
                DockerExecutable = DockerDaemon.Cli,
            }));

        Assert.StartsWith($"Docker engine at unix://{socket} does not answer (Cannot connect to the Docker daemon at unix://{socket}", error.Message);
        Assert.EndsWith("; start it (or point DOCKER_HOST at one), or build daemonless with the dotnet image builder", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Directory.Delete(repo, recursive: true);
    }
}
