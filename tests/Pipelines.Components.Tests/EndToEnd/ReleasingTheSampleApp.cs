using System.Text.Json;
using System.Text.RegularExpressions;
using Pipelines.Components;
using Pipelines.Testing;
using Pipelines.Testing.Docker;
using Pipelines.Testing.Ecr;
using Pipelines.Testing.Git;
using Pipelines.Testing.Registry;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>
/// The sample app released end to end, in-process: a real dockerd builds and smoke-tests the image, the ECR stand-in (signatures verified) hands out
/// the real registry's login, skopeo reads the image back, the bump lands in a config repo served by git daemon, the
/// scripted Flux applies it on the Kubernetes stand-in and the rollout completes. Then a broken image fails fast on
/// ImagePullBackOff and --auto-rollback puts the previous tag back into the config repo (and Flux applies the revert).
/// </summary>
public sealed class ReleasingTheSampleApp
{
    const string AppName = "gitops-app-demo";

    [Fact]
    public async Task Release_deploys_through_flux_and_a_broken_image_is_rolled_back()
    {
        await using var docker = await DockerDaemon.StartAsync();
        await using var registry = await RegistryServer.StartAsync();
        await using var ecr = await EcrStandIn.StartAsync(registry.Url, registry.Username, registry.Password);
        using var git = await GitDaemon.StartAsync();
        using var app = await SampleAppRepository.CreateAsync();
        var environment = InvocationEnvironment.Of(
            ("DOCKER_HOST", docker.Host),
            ("AWS_ACCESS_KEY_ID", ecr.AccessKey), ("AWS_SECRET_ACCESS_KEY", ecr.SecretKey), ("AWS_SESSION_TOKEN", null),
            ("AWS_PROFILE", null), ("AWS_EC2_METADATA_DISABLED", "true"));
        var repository = $"{registry.Host}/{AppName}";
        var configRepo = await git.CreateRepositoryAsync("config", new Dictionary<string, byte[]> { ["README.md"] = "config\n"u8.ToArray() });

        // The config repo is scaffolded from the template over git:// (clone, commit, push).
        var init = await ReleaseBuild.RunAsync(app.Root, environment, "InitConfigRepo", "--config-repo", configRepo, "--image-repository", repository,
            "--app-name", AppName, "--aws-region", "cn-north-1");
        Assert.True(init.ExitCode == 0, init.Output);
        Assert.Contains($"newName: {repository}", await git.GitAsync("config", "show", "main:clusters/dev/kustomization.yaml"));

        await using var cluster = await ClusterScene.StartAsync(git.BarePath("config"), Path.Combine(app.Root, "artifacts", "kube"));
        string[] cd = ["--config-repo", configRepo, "--environment", "dev", "--verify-image", "false",
            "--kubeconfig", cluster.Kubeconfig, "--flux-kustomization", $"{ClusterScene.FluxNamespace}/{ClusterScene.Kustomization}",
            "--namespace", ClusterScene.AppNamespace, "--auto-rollback", "--timeout", "00:00:20"];

        var release = await ReleaseBuild.RunAsync(app.Root, environment, ["Release", "--push-to", "Ecr", "--aws-region", "cn-north-1", "--aws-account-id", ecr.AccountId,
            "--ecr-endpoint", ecr.Endpoint.ToString(), "--ecr-repository-name", AppName, "--image-name", AppName,
            "--dockerfile", SampleAppRepository.Dockerfile, "--solution", "tests/GitOpsAppDemo.Tests.csproj",
            "--test-filter", "FullyQualifiedName~PackagingTheApp", .. cd]);

        Assert.True(release.ExitCode == 0, release.Output + release.Error);
        var tag = await app.ShortShaAsync();
        var pushed = JsonSerializer.Deserialize<PushedImage>(await File.ReadAllTextAsync(Path.Combine(app.Root, "artifacts", "outputs", "pushed-image.json")),
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal((repository, tag), (pushed.Repository, pushed.Tag));
        var (code, inspected, error) = await ContainerParts.RunAsync("skopeo", null,
            "inspect", "--tls-verify=false", "--creds", $"{registry.Username}:{registry.Password}", $"docker://{repository}:{tag}");
        Assert.True(code == 0, error);
        Assert.Equal(pushed.Digest, JsonDocument.Parse(inspected).RootElement.GetProperty("Digest").GetString());
        Assert.All(ecr.Calls, c => Assert.True(c.SignatureValid, c.Operation));

        var bump = (await git.GitAsync("config", "rev-parse", "main")).Trim();
        Assert.Contains($"newTag: \"{tag}\"", await git.GitAsync("config", "show", "main:clusters/dev/kustomization.yaml"));
        Assert.EndsWith(bump, cluster.LastAppliedRevision);
        // The bump records when and on which branch the app commit was made, so an older build never replaces it.
        var trailers = await git.GitAsync("config", "log", "-1", "--format=%(trailers)", "main");
        Assert.Matches(@"Source-Commit-Time: \d{4}-\d{2}-\d{2}T", trailers);
        Assert.Contains("Source-Branch: ", trailers);
        Assert.Equal($"{repository}:{tag}", Assert.Single(cluster.Rollouts).Split('@')[0]);
        // The image ran and answered in the local engine before it was pushed.
        Assert.Matches(@"SmokeTest +Succeeded .*/healthz answered 200 after \d+\.\ds on 127\.0\.0\.1:\d+", release.Output);
        Assert.True(release.Output.IndexOf("SmokeTest ", StringComparison.Ordinal) < release.Output.IndexOf("PushEcr ", StringComparison.Ordinal), release.Output);
        Assert.Matches(@"WaitRollout +Succeeded .*running in 1 workload", release.Output);
        Assert.Matches(@"\d+(\.\d)?s from bump commit to rollout complete", release.Output);
        Assert.Contains("passed, 0 failed", release.Output);
        Assert.DoesNotContain(registry.Password, release.Output);

        // A broken image: its pods cannot pull it, WaitRollout fails fast, and --auto-rollback reverts the bump.
        cluster.Unpullable.Add($"{repository}:broken-1");
        var broken = await ReleaseBuild.RunAsync(app.Root, environment, ["Cd", "--image-repository", repository, "--image-tag", "broken-1", .. cd]);

        Assert.True(broken.ExitCode == 1, broken.Output + broken.Error);
        Assert.Contains("ImagePullBackOff", broken.Output + broken.Error);
        Assert.Equal($"{repository}:broken-1", cluster.Rollouts[1]);
        Assert.StartsWith("rollback(", await git.GitAsync("config", "log", "--format=%s", "-1", "main"));
        Assert.Contains($"newTag: \"{tag}\"", await git.GitAsync("config", "show", "main:clusters/dev/kustomization.yaml"));
        Assert.EndsWith((await git.GitAsync("config", "rev-parse", "main")).Trim(), cluster.LastAppliedRevision);
        // Flux applied the rollback commit and the Deployment rolled back to the image that ran before, to the end.
        Assert.Equal(3, cluster.Rollouts.Count);
        Assert.Equal(cluster.Rollouts[0], cluster.Rollouts[2]);
        Assert.True(Regex.IsMatch(broken.Output, @"rolled back to \S+:" + Regex.Escape(tag) + @"\S* \(commit [0-9a-f]{7}\) in \d"), broken.Output);
    }
}
