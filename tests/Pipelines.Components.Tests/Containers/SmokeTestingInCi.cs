using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipelines.Components.Tests.EndToEnd;
using Pipelines.Containers.Building;
using Pipelines.Testing.Docker;
using Pipelines.Testing.Registry;

namespace Pipelines.Components.Tests.Containers;

/// <summary>
/// SmokeTest inside Ci, against a private dockerd and the CNCF registry: the sample's image is run and answers before
/// PushImage pushes it; an image that exits is never pushed; with no engine the target is skipped and says
/// "not smoke-tested". No container is left in the daemon.
/// </summary>
public sealed class SmokeTestingInCi : IAsyncLifetime
{
    DockerDaemon _docker = null!;
    RegistryServer _registry = null!;
    SampleAppRepository _app = null!;

    public async Task InitializeAsync()
    {
        _docker = await DockerDaemon.StartAsync();
        _registry = await RegistryServer.StartAsync();
        _app = await SampleAppRepository.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        var (_, containers, _) = await ContainerParts.RunAsync(DockerDaemon.Cli, _docker.Environment, "ps", "--all", "--quiet");
        _app.Dispose();
        await _registry.DisposeAsync();
        await _docker.DisposeAsync();
        Assert.Equal("", containers.Trim());
    }

    (string, string?)[] Engine => [("DOCKER_HOST", _docker.Host)];

    string[] Ci(string dockerfile) =>
        ["Ci", "--skip", "Compile", "Test", "--push-to", "Registry", "--image-repository", $"{_registry.Host}/app", "--image-name", "app",
         "--dockerfile", dockerfile, "--registry-username", _registry.Username, "--registry-password", _registry.Password, "--smoke-test-show", "/version"];

    [Fact]
    public async Task Ci_runs_the_built_image_until_it_answers_before_pushing_it()
    {
        var sha = await ContainerParts.GitAsync(_app.Root, "rev-parse", "HEAD");
        var tag = await _app.ShortShaAsync();

        var run = await SmokeTestBuild.RunAsync(_app.Root, Engine, Ci(SampleAppRepository.Dockerfile));

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var rows = Regex.Matches(run.Output, @"^(DockerBuild|SmokeTest|PushImage) +Succeeded", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
        Assert.Equal(["DockerBuild", "SmokeTest", "PushImage"], rows);
        Assert.Matches(@$"SmokeTest +Succeeded +\S+ +/healthz answered 200 after \d+\.\ds on 127\.0\.0\.1:\d+; /version: {{""version"":""{tag}"",""commit"":""{sha}""}}", run.Output);
        var report = JsonSerializer.Deserialize<SmokeTestReport>(await File.ReadAllTextAsync(Path.Combine(_app.Root, "artifacts", "outputs", "smoke-test.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal(($"app:{tag}", 200), (report.Image, report.Status));
        Assert.StartsWith("http://127.0.0.1:", report.Address);
        Assert.True(report.TimeToFirstAnswer > TimeSpan.Zero);
        Assert.Contains(sha, Assert.Single(report.Served).Body);
        Assert.Equal(HttpStatusCode.OK, await ManifestStatusAsync(tag));
    }

    [Fact]
    public async Task An_image_that_exits_on_start_fails_Ci_in_one_line_and_is_never_pushed()
    {
        await File.WriteAllTextAsync(Path.Combine(_app.Root, "exits.Dockerfile"), """
            FROM scratch
            COPY out/busybox /bin/busybox
            EXPOSE 8080
            ENTRYPOINT ["/bin/busybox", "sh", "-c", "echo 'Unhandled exception: appsettings.Production.json not found' >&2; exit 3"]
            """);
        await ContainerParts.GitAsync(_app.Root, "add", "exits.Dockerfile");
        await ContainerParts.GitAsync(_app.Root, "-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "-q", "-m", "an image that exits");
        var tag = await _app.ShortShaAsync();

        var run = await SmokeTestBuild.RunAsync(_app.Root, Engine, Ci("exits.Dockerfile"));

        Assert.True(run.ExitCode == 1, run.Output + run.Error);
        Assert.Matches(@$"Target SmokeTest failed: the container of app:{tag} exited with code 3 \d+\.\ds after it started; its last log line: Unhandled exception: appsettings.Production.json not found; fix what makes it exit", run.Output);
        Assert.Matches(@"PushImage +NotRun", run.Output);
        Assert.Equal(HttpStatusCode.NotFound, await ManifestStatusAsync(tag));
    }

    [Fact]
    public async Task Without_an_engine_SmokeTest_is_skipped_and_the_summary_says_not_smoke_tested()
    {
        // What a daemonless agent has: an image DockerBuild recorded, and no engine to run it in.
        var outputs = Path.Combine(_app.Root, "artifacts", "outputs");
        Directory.CreateDirectory(outputs);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        await File.WriteAllTextAsync(Path.Combine(outputs, "image.json"), JsonSerializer.Serialize(new BuiltImage("app:abc1234", "abc1234", "sha256:" + new string('1', 64),
            new string('a', 40), ImageBuilderKind.Dotnet), json));
        await File.WriteAllTextAsync(Path.Combine(outputs, "smoke-test.json"), JsonSerializer.Serialize(new SmokeTestReport("app:old", "http://127.0.0.1:1/healthz",
            TimeSpan.FromSeconds(1), 200, null, []), json));
        var socket = Path.Combine(Path.GetTempPath(), $"no-engine-{Guid.NewGuid():N}.sock");

        var run = await SmokeTestBuild.RunAsync(_app.Root, [("DOCKER_HOST", $"unix://{socket}")], "SmokeTest", "--skip", "DockerBuild", "ResolveBaseImage");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains($"not smoke-tested: Docker engine at unix://{socket} does not answer (", run.Output);
        Assert.Matches(@$"SmokeTest +Skipped \(not smoke-tested\) +Docker engine at unix://{Regex.Escape(socket)} does not answer", run.Output);
        Assert.False(File.Exists(Path.Combine(outputs, "smoke-test.json")), "an earlier run's report must not stand for this one");
    }

    async Task<HttpStatusCode> ManifestStatusAsync(string tag)
    {
        using var http = new HttpClient { BaseAddress = _registry.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_registry.Username}:{_registry.Password}")));
        using var request = new HttpRequestMessage(HttpMethod.Head, $"/v2/app/manifests/{tag}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
