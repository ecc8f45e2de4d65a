using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pipelines.Components;
using Pipelines.Testing.Docker;
using Pipelines.Testing.Git;
using Pipelines.Testing.GitHub;
using Pipelines.Testing.Kubernetes;

namespace Pipelines.Components.Tests.Hardening.BadInput;

/// <summary>
/// What every bad input runs against, started once: the registry with a seeded image behind the ECR stand-in, a config
/// repo on git daemon (dev by push, prod by pull request, a digest-pinned and a broken folder), a config repo whose
/// server refuses non-fast-forward updates, the GitHub stand-in, and the Kubernetes stand-in with one Deployment.
/// <see cref="SnapshotAsync"/> reads all of it, so a case can prove it changed nothing.
/// </summary>
public sealed class BadInputScene : IAsyncLifetime
{
    public const string Tag = "abc1234";
    public const string ReadOnlyToken = "ghp_readonlyTokenForHardening0001";
    public const string DeployBranch = "deploy/dev/app";
    public const string WriteToken = "ghp_writerTokenForHardening000001";

    readonly ContainerParts _parts = new();
    readonly ForbiddingRegistry _forbidden = new();
    GitDaemon _git = null!;
    KubernetesStandIn _cluster = null!;
    GitHubStandIn _github = null!;
    string _work = null!;

    public ContainerParts Parts => _parts;
    public string Root { get; private set; } = null!;
    public string Repository => $"{_parts.Registry.Host}/app";
    public string Digest { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _parts.InitializeAsync();
        Digest = await _parts.SeedImageAsync("app", Tag, "app-" + Tag);
        await _parts.SeedImageAsync("pinned", Tag, "pinned-" + Tag);

        _work = Path.Combine(Path.GetTempPath(), "pipelines-badinput-" + Guid.NewGuid().ToString("N")[..10]);
        Root = Path.Combine(_work, "app");
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
        // PushEcr and PushImage run with --skip DockerBuild against this recorded image; they fail before docker is asked.
        var image = new BuiltImage($"app:{Tag}", Tag, Digest, new string('a', 40), Pipelines.Containers.Building.ImageBuilderKind.Docker, null);
        Directory.CreateDirectory(Path.Combine(Root, "artifacts", "outputs"));
        await File.WriteAllTextAsync(Path.Combine(Root, "artifacts", "outputs", $"{BuiltImage.OutputName}.json"),
            JsonSerializer.Serialize(image, new JsonSerializerOptions(JsonSerializerDefaults.Web)));

        _git = await GitDaemon.StartAsync();
        await _git.CreateRepositoryAsync("config", ConfigFiles());
        await _git.CreateRepositoryAsync("nff", ConfigFiles());
        await _git.GitAsync("nff", "config", "receive.denyNonFastForwards", "true");
        // A deploy branch that does not descend from main: the bump's branch can only replace it by a forced update.
        var side = (await _git.GitAsync("nff", "commit-tree", "main^{tree}", "-p", "main", "-m", "someone else's change")).Trim();
        await _git.GitAsync("nff", "update-ref", $"refs/heads/{DeployBranch}", side);

        _github = await GitHubStandIn.StartAsync();
        _github.AddRepository("org/config");
        _github.AddToken(ReadOnlyToken, "org/config", canWrite: false);
        _github.AddToken(WriteToken, "org/config", canWrite: true);

        _cluster = await KubernetesStandIn.StartAsync();
        DeploymentScript.Create(_cluster, "default", "app", $"{Repository}:{Tag}", replicas: 1);
        Kubeconfig = _cluster.WriteKubeconfig(Path.Combine(_work, "kube"));
        MalformedKubeconfig = Path.Combine(_work, "malformed-kubeconfig");
        await File.WriteAllTextAsync(MalformedKubeconfig, "apiVersion: v1\nclusters: [\n  - name: {broken\n");
        ClosedPortKubeconfig = Path.Combine(_work, "closed-kubeconfig");
        await File.WriteAllTextAsync(ClosedPortKubeconfig, (await File.ReadAllTextAsync(Kubeconfig))
            .Replace(_cluster.BaseAddress.ToString().TrimEnd('/'), $"http://127.0.0.1:{RequiredTool.FreePort()}"));
    }

    public string Kubeconfig { get; private set; } = null!;
    public string MalformedKubeconfig { get; private set; } = null!;
    public string ClosedPortKubeconfig { get; private set; } = null!;

    Dictionary<string, byte[]> ConfigFiles()
    {
        static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
        string Deployment(string repository) => $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    image: {repository}

            """;
        return new()
        {
            ["environments.yaml"] = B("environments:\n  dev:\n    path: clusters/dev\n  prod:\n    path: clusters/prod\n    pushMode: pull-request\n"),
            ["clusters/dev/deployment.yaml"] = B(Deployment($"{Repository}:{Tag}")),
            ["clusters/prod/deployment.yaml"] = B(Deployment($"{Repository}:{Tag}")),
            ["clusters/pinned/deployment.yaml"] = B(Deployment($"{_parts.Registry.Host}/pinned:{Tag}@{Digest}")),
            ["clusters/broken/deployment.yaml"] = B($"apiVersion: apps/v1\nkind: Deployment\nspec:\n  containers:\n  - image: {_parts.Registry.Host}/broken:{Tag}\n    name: [app\n"),
        };
    }

    /// <summary>Replaces the scene's placeholders in one argument.</summary>
    public string Expand(string arg) => arg
        .Replace("{repo}", Repository)
        .Replace("{registry}", _parts.Registry.Host)
        .Replace("{forbidden}", _forbidden.Host)
        .Replace("{config}", _git.Url("config"))
        .Replace("{nff}", _git.Url("nff"))
        .Replace("{missing-repo}", _git.Url("missing"))
        .Replace("{kubeconfig}", Kubeconfig)
        .Replace("{malformed-kubeconfig}", MalformedKubeconfig)
        .Replace("{closed-kubeconfig}", ClosedPortKubeconfig)
        .Replace("{missing-file}", Path.Combine(_work, "no-such-file"))
        .Replace("{github}", _github.BaseAddress.ToString())
        .Replace("{ecr}", _parts.Ecr.Endpoint.ToString())
        .Replace("{account}", _parts.Ecr.AccountId)
        .Replace("{registry-user}", _parts.Registry.Username)
        .Replace("{digest}", Digest);

    /// <summary>Variables every case starts from: the stand-in's valid AWS keys, no instance metadata.</summary>
    public (string Name, string? Value)[] BaseVariables =>
    [
        ("AWS_ACCESS_KEY_ID", _parts.Ecr.AccessKey), ("AWS_SECRET_ACCESS_KEY", _parts.Ecr.SecretKey), ("AWS_SESSION_TOKEN", null),
        ("AWS_PROFILE", null), ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_work, "no-aws-credentials")), ("AWS_CONFIG_FILE", Path.Combine(_work, "no-aws-config")),
        ("AWS_ROLE_ARN", null), ("AWS_WEB_IDENTITY_TOKEN_FILE", null), ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", null), ("AWS_CONTAINER_CREDENTIALS_FULL_URI", null),
        ("DOCKER_HOST", _parts.Docker.Host),
    ];

    /// <summary>Everything a bad input must leave alone: both config repos' refs, the registry's tags, the cluster's resource version.</summary>
    public async Task<string> SnapshotAsync()
    {
        var text = new StringBuilder();
        text.Append("config:\n").Append(await _git.RefsAsync("config"));
        text.Append("nff:\n").Append(await _git.RefsAsync("nff"));
        text.Append("missing repo exists: ").Append(Directory.Exists(_git.BarePath("missing"))).Append('\n');
        using var http = new HttpClient { BaseAddress = _parts.Registry.Url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_parts.Registry.Username}:{_parts.Registry.Password}")));
        var catalog = JsonDocument.Parse(await http.GetStringAsync("/v2/_catalog")).RootElement.GetProperty("repositories");
        foreach (var repository in catalog.EnumerateArray().Select(r => r.GetString()!).Order(StringComparer.Ordinal))
            text.Append("registry ").Append(repository).Append(": ").Append(await http.GetStringAsync($"/v2/{repository}/tags/list")).Append('\n');
        text.Append("ECR writes: ").Append(_parts.Ecr.Calls.Count(c => c.Operation is "CreateRepository" or "PutImage" or "BatchDeleteImage"
            or "DeleteRepository" or "PutImageTagMutability" or "PutImageScanningConfiguration" or "StartImageScan")).Append('\n');
        text.Append("cluster resource version: ").Append(_cluster.Store.CurrentVersion).Append('\n');
        text.Append("pull requests: ").Append(_github.PullRequests.Count).Append('\n');
        return text.ToString();
    }

    public void FailNextEcrCall(string operation, string errorType, string message) => _parts.Ecr.FailNext(operation, errorType, 400, message);

    /// <summary>Leaves only the recorded built image in artifacts/outputs, so no case reads what an earlier one wrote.</summary>
    public void ResetOutputs()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "artifacts", "outputs")))
            if (Path.GetFileName(file) != $"{BuiltImage.OutputName}.json")
                File.Delete(file);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _github.DisposeAsync();
        _git.Dispose();
        await _parts.DisposeAsync();
        _forbidden.Dispose();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }
}
