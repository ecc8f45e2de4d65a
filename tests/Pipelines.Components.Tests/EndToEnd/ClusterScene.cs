using System.Diagnostics;
using System.Text.RegularExpressions;
using Pipelines.Testing.Kubernetes;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>
/// A cluster the sample deploys to, on the Kubernetes stand-in: Flux's GitRepository and Kustomization for clusters/&lt;environment&gt;,
/// and the app's Deployment. When Flux is asked to reconcile it fetches the config repo's real head; when it applies a
/// commit, the Deployment's template gets the image that commit's clusters/&lt;environment&gt;/kustomization.yaml names. Once WaitRollout
/// looks at the Deployment, the scripted controller rolls it out, or, for an image in <see cref="Unpullable"/>, sends its
/// new pods to ImagePullBackOff; a return to an earlier image scales that image's ReplicaSet back up, as a rollback does.
/// </summary>
public sealed partial class ClusterScene : IAsyncDisposable
{
    public const string FluxNamespace = "flux-system";
    public const string Kustomization = "gitops-app-demo";
    public const string AppNamespace = "gitops-app-demo";
    public const string Deployment = "gitops-app-demo";

    readonly KubernetesStandIn _standIn;
    readonly FluxController _flux;
    readonly DeploymentScript _deployment;
    readonly string _configRepo;
    readonly string _initialImage;
    readonly string _environment;

    ClusterScene(KubernetesStandIn standIn, string configRepo, string environment, string initialImage, string kubeconfig)
    {
        _environment = environment;
        _standIn = standIn;
        _configRepo = configRepo;
        Kubeconfig = kubeconfig;
        _initialImage = initialImage;
        _deployment = DeploymentScript.Create(standIn, AppNamespace, Deployment, initialImage, replicas: 2);
        FluxController? flux = null;
        // Subscribed before the controller, so the head is read before it fetches.
        standIn.Store.Changed += ev =>
        {
            if (flux is not null && ev.Resource == ApiResource.ByKind("GitRepository") && ev.Type != "DELETED")
                flux.HeadCommit = Git("rev-parse", "main");
        };
        flux = _flux = new FluxController(standIn);
        _flux.Install(FluxNamespace, Kustomization, Git("rev-parse", "main"));
        _flux.Applying = Apply;
    }

    /// <summary>Images whose pull fails.</summary>
    public HashSet<string> Unpullable { get; } = [];

    /// <summary>A kubeconfig for the stand-in.</summary>
    public string Kubeconfig { get; }

    /// <summary>The images the Deployment was given, in order.</summary>
    public List<string> Rollouts { get; } = [];

    /// <summary>The Kustomization's lastAppliedRevision.</summary>
    public string? LastAppliedRevision =>
        (string?)_standIn.Store.Get(ApiResource.ByKind("Kustomization"), FluxNamespace, Kustomization)?["status"]?["lastAppliedRevision"];

    public static async Task<ClusterScene> StartAsync(string configRepoBarePath, string kubeconfigDirectory, string environment = "dev")
    {
        var standIn = await KubernetesStandIn.StartAsync();
        var kubeconfig = standIn.WriteKubeconfig(kubeconfigDirectory);
        var initial = ImageAt(configRepoBarePath, environment, "main");
        return new ClusterScene(standIn, configRepoBarePath, environment, initial, kubeconfig);
    }

    void Apply(string commit)
    {
        var image = ImageAt(_configRepo, _environment, commit);
        bool rollback;
        lock (Rollouts)
        {
            if (image == _deployment.Image)
                return;
            // A return to an earlier image (a rollback) scales its old ReplicaSet back up: its pods are already running.
            rollback = Rollouts.Contains(image) || image == _initialImage;
            Rollouts.Add(image);
        }
        var seen = _standIn.Requests.Count;
        _deployment.SetImage(image);
        _deployment.ObserveGeneration();
        // The new pods appear once the watcher looks at the Deployment, so it sees the rollout happen.
        _ = Task.Run(async () =>
        {
            await _standIn.WaitForRequestAsync(r => r.Path.Contains($"/namespaces/{AppNamespace}/deployments", StringComparison.Ordinal), seen);
            if (!rollback)
                _deployment.PodsPulling();
            if (Unpullable.Contains(image))
                _deployment.ImagePullBackOff();
            else
                _deployment.Complete();
        });
    }

    /// <summary>The image clusters/&lt;environment&gt;/kustomization.yaml names at <paramref name="revision"/>, as kustomize renders it.</summary>
    static string ImageAt(string bare, string environment, string revision)
    {
        var text = RunGit(bare, "show", $"{revision}:clusters/{environment}/kustomization.yaml");
        var name = NewName().Match(text).Groups[1].Value;
        var tag = NewTag().Match(text).Groups[1].Value;
        var digest = DigestLine().Match(text) is { Success: true } d ? "@" + d.Groups[1].Value : "";
        return $"{name}:{tag}{digest}";
    }

    string Git(params string[] arguments) => RunGit(_configRepo, arguments);

    static string RunGit(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
    }

    public async ValueTask DisposeAsync()
    {
        _flux.Dispose();
        await _standIn.DisposeAsync();
        if (App is not null)
            await App.DisposeAsync();
    }

    [GeneratedRegex(@"newName:\s*""?([^""\s]+)")]
    private static partial Regex NewName();

    [GeneratedRegex(@"newTag:\s*""?([^""\s]+)")]
    private static partial Regex NewTag();

    [GeneratedRegex(@"digest:\s*""?(sha256:[0-9a-f]{64})")]
    private static partial Regex DigestLine();
}
