using System.Text.Json;
using Pipelines.Containers.Building;
using Pipelines.Containers.Publishing;
using Pipelines.Containers.Registry;
using Pipelines.Testing.Docker;
using Pipelines.Tooling;

namespace Pipelines.Containers.Tests.Building;

/// <summary>The daemonless builder: <c>dotnet publish -t:PublishContainer</c> onto a busybox base in the local registry.</summary>
[Collection(ContainerPartsCollection.Name)]
public sealed class DaemonlessDotnetBuild(ContainerParts parts)
{
    [Fact]
    public async Task Publishes_to_the_registry_then_a_push_of_the_same_commit_skips()
    {
        var output = new StringWriter();
        var runner = new ProcessRunner(new SecretMasker(), output);
        var credentials = new RegistryCredentials(parts.Registry.Username, parts.Registry.Password);

        // The base image: FROM scratch + busybox, built by the private dockerd and pushed to the local registry.
        var baseRepo = await ContainerParts.CreateAppRepositoryAsync("base");
        var baseImage = await new ImageBuilder(runner).BuildAsync(new ImageBuildOptions(baseRepo, "dotnet-base") { Tag = "1", Environment = parts.Docker.Environment, DockerExecutable = DockerDaemon.Cli });
        await new ImagePublisher(runner).PushAsync(new ImagePushOptions(baseImage, $"{parts.Registry.Host}/dotnet-base") { Credentials = credentials, Environment = parts.Docker.Environment, DockerExecutable = DockerDaemon.Cli });

        var app = Path.Combine(Path.GetTempPath(), "pdn-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(app);
        await File.WriteAllTextAsync(Path.Combine(app, "hello.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), "System.Console.WriteLine(\"hello\");\n");
        await File.WriteAllTextAsync(Path.Combine(app, ".gitignore"), "bin/\nobj/\n");
        await ContainerParts.GitAsync(app, "init", "-q", "-b", "main");
        await ContainerParts.GitAsync(app, "add", "-A");
        await ContainerParts.GitAsync(app, "-c", "user.name=ci", "-c", "user.email=ci@example.com", "commit", "-q", "-m", "app");
        var sha = await ContainerParts.GitAsync(app, "rev-parse", "HEAD");
        var options = new ImageBuildOptions(app, "hello")
        {
            Builder = ImageBuilderKind.Dotnet,
            Project = Path.Combine(app, "hello.csproj"),
            BuildArgs = new Dictionary<string, string> { ["BASE_IMAGE"] = $"{parts.Registry.Host}/dotnet-base:1" },
            PublishRegistry = parts.Registry.Host,
            Environment = new Dictionary<string, string?> { ["SDK_CONTAINER_REGISTRY_UNAME"] = credentials.Username, ["SDK_CONTAINER_REGISTRY_PWORD"] = credentials.Password },
        };

        var built = await new ImageBuilder(runner).BuildAsync(options);
        var pushed = await new ImagePublisher(runner).PushAsync(new ImagePushOptions(built, $"{parts.Registry.Host}/hello") { Credentials = credentials, TagsImmutable = true, Rebuild = options });

        Assert.Equal(ImageBuilderKind.Dotnet, built.Builder);
        Assert.Equal(parts.Registry.Host, built.PublishedTo);
        var (code, stdout, stderr) = await ContainerParts.RunAsync("skopeo", null,
            "inspect", "--tls-verify=false", "--creds", $"{credentials.Username}:{credentials.Password}", $"docker://{parts.Registry.Host}/hello:{built.Tag}");
        Assert.True(code == 0, stderr);
        var inspected = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(built.Digest, inspected.GetProperty("Digest").GetString());
        Assert.Equal(sha, inspected.GetProperty("Labels").GetProperty("org.opencontainers.image.revision").GetString());
        Assert.True(pushed.Skipped);
        Assert.Equal(built.Digest, pushed.Digest);
        Assert.DoesNotContain(credentials.Password, output.ToString());

        Directory.Delete(app, recursive: true);
        Directory.Delete(baseRepo, recursive: true);
    }
}
