using Pipelines.Containers.Building;
using Pipelines.Containers.Publishing;
using Pipelines.Containers.Registry;
using Pipelines.Testing.Docker;
using Pipelines.Tooling;

namespace Pipelines.Containers.Tests.Publishing;

/// <summary>The private docker config and the generic push's failure on bad credentials.</summary>
[Collection(ContainerPartsCollection.Name)]
public sealed class LoginIsolation(ContainerParts parts)
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_temporary_docker_config_is_private_masked_and_deleted()
    {
        var masker = new SecretMasker();
        string directory;
        using (var config = TemporaryDockerConfig.Create("registry.example", new RegistryCredentials("AWS", "token-value-123"), masker))
        {
            directory = config.DirectoryPath;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "config.json")));
            var text = File.ReadAllText(Path.Combine(directory, "config.json"));
            Assert.Equal("{\"auths\":{\"registry.example\":{\"auth\":\"***\"}}}", masker.Redact(text));
        }
        Assert.False(Directory.Exists(directory));
        Assert.Equal("***", masker.Redact("token-value-123"));
    }

    [Fact]
    public async Task A_wrong_registry_password_fails_with_one_line_before_pushing()
    {
        var output = new StringWriter();
        var runner = new ProcessRunner(new SecretMasker(), output);
        var repo = await ContainerParts.CreateAppRepositoryAsync("wrong-password");
        var built = await new ImageBuilder(runner).BuildAsync(new ImageBuildOptions(repo, "wrong") { Environment = parts.Docker.Environment, DockerExecutable = DockerDaemon.Cli });

        var error = await Assert.ThrowsAsync<RegistryAuthenticationException>(() => new ImagePublisher(runner).PushAsync(
            new ImagePushOptions(built, $"{parts.Registry.Host}/wrong") { Credentials = new RegistryCredentials(parts.Registry.Username, "not-the-password"), Environment = parts.Docker.Environment, DockerExecutable = DockerDaemon.Cli }));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("refused the credentials", error.Message);
        Assert.DoesNotContain("docker push", output.ToString());
        Assert.DoesNotContain("not-the-password", output.ToString() + error.Message);
        Directory.Delete(repo, recursive: true);
    }
}
