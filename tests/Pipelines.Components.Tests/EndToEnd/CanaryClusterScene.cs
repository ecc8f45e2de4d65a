using System.Text.RegularExpressions;
using Pipelines.Testing.Kubernetes;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>
/// A cluster where the app runs as an Argo Rollouts canary, on the Kubernetes stand-in: Flux's GitRepository and Kustomization for
/// clusters/&lt;environment&gt;, and the app's Rollout. When Flux applies a commit, the Rollout's template gets the image that commit's
/// kustomization.yaml names. Once WaitRollout watches the Rollout, the scripted controller runs the canary steps; for an image in
/// <see cref="FailingAnalysis"/> the analysis step fails and the update is aborted. A return to the stable image (a revert) is
/// promoted at once, as Argo Rollouts does.
/// </summary>
public sealed partial class CanaryClusterScene : IAsyncDisposable
{
    public const string FluxNamespace = "flux-system";
    public const string Kustomization = "gitops-app-demo";
    public const string AppNamespace = "gitops-app-demo";
    public const string Rollout = "gitops-app-demo";

    /// <summary>The message of the failing analysis.</summary>
    public const string AnalysisMessage = "Metric \"success-rate\" assessed Failed due to failed (3) > failureLimit (2)";

    readonly KubernetesStandIn _standIn;
    readonly FluxController _flux;
    readonly RolloutScript _rollout;
    readonly string _configRepo;
    readonly string _environment;

    CanaryClusterScene(KubernetesStandIn standIn, string configRepo, string environment, string kubeconfig)
    {
        (_standIn, _configRepo, _environment, Kubeconfig) = (standIn, configRepo, environment, kubeconfig);
        _rollout = RolloutScript.Create(standIn, AppNamespace, Rollout, ImageAt("main"), replicas: 2);
        FluxController? flux = null;
        // Subscribed before the controller, so the head is read before it fetches.
        standIn.Store.Changed += ev =>
        {
            if (flux is not null && ev.Resource == ApiResource.ByKind("GitRepository") && ev.Type != "DELETED")
                flux.HeadCommit = ClusterSceneGit.Run(_configRepo, "rev-parse", "main");
        };
        flux = _flux = new FluxController(standIn);
        _flux.Install(FluxNamespace, Kustomization, ClusterSceneGit.Run(_configRepo, "rev-parse", "main"));
        _flux.Applying = Apply;
    }

    /// <summary>Images whose canary analysis fails.</summary>
    public HashSet<string> FailingAnalysis { get; } = [];

    /// <summary>When set, the API server refuses the kubeconfig's credentials (401) once WaitRollout watches the Rollout.</summary>
    public bool RevokeCredentialsWhenWatched { get; set; }

    /// <summary>A kubeconfig for the stand-in.</summary>
    public string Kubeconfig { get; }

    /// <summary>The images the Rollout was given, in order.</summary>
    public List<string> Images { get; } = [];

    /// <summary>The image of the Rollout's stable ReplicaSet.</summary>
    public string StableImage => _rollout.StableImage;

    /// <summary>The AnalysisRun of the last analysis step.</summary>
    public string? AnalysisRun => _rollout.AnalysisRun;

    /// <summary>The Kustomization's lastAppliedRevision.</summary>
    public string? LastAppliedRevision =>
        (string?)_standIn.Store.Get(ApiResource.ByKind("Kustomization"), FluxNamespace, Kustomization)?["status"]?["lastAppliedRevision"];

    /// <summary>The Rollout's phase.</summary>
    public string? Phase => (string?)_standIn.Store.Get(ApiResource.ByKind("Rollout"), AppNamespace, Rollout)?["status"]?["phase"];

    public static async Task<CanaryClusterScene> StartAsync(string configRepoBarePath, string kubeconfigDirectory, string environment = "dev")
    {
        var standIn = await KubernetesStandIn.StartAsync();
        var kubeconfig = standIn.WriteKubeconfig(kubeconfigDirectory);
        return new CanaryClusterScene(standIn, configRepoBarePath, environment, kubeconfig);
    }

    void Apply(string commit)
    {
        var image = ImageAt(commit);
        lock (Images)
        {
            if (Images.LastOrDefault() == image || Images.Count == 0 && image == _rollout.StableImage) return;
            Images.Add(image);
        }
        var seen = _standIn.Requests.Count;
        _rollout.SetImage(image);
        if (image == _rollout.StableImage)
        {
            _rollout.ObserveGeneration(); // the stable template again: promoted without steps
            return;
        }
        // The steps run once the watcher looks at the Rollout, so it sees the canary happen.
        _ = Task.Run(async () =>
        {
            await _standIn.WaitForRequestAsync(r => r.Path.Contains($"/namespaces/{AppNamespace}/rollouts", StringComparison.Ordinal), seen);
            if (RevokeCredentialsWhenWatched)
            {
                // Over plain HTTP the client sends no token: the server stops serving anonymous requests, as after an RBAC change.
                _standIn.AllowAnonymous = false;
                _standIn.RevokeToken(KubernetesStandIn.DefaultToken);
                _standIn.DropWatches();
                return;
            }
            _rollout.ObserveGeneration();
            _rollout.SetWeight();
            _rollout.Pause();
            _rollout.Resume();
            _rollout.SetWeight();
            _rollout.StartAnalysis();
            if (FailingAnalysis.Contains(image))
            {
                _rollout.AnalysisFailed(AnalysisMessage);
                return;
            }
            _rollout.AnalysisSucceeded();
            _rollout.Promote();
        });
    }

    string ImageAt(string revision)
    {
        var text = ClusterSceneGit.Run(_configRepo, "show", $"{revision}:clusters/{_environment}/kustomization.yaml");
        return $"{NewName().Match(text).Groups[1].Value}:{NewTag().Match(text).Groups[1].Value}";
    }

    public async ValueTask DisposeAsync()
    {
        _flux.Dispose();
        await _standIn.DisposeAsync();
    }

    [GeneratedRegex(@"newName:\s*""?([^""\s]+)")]
    private static partial Regex NewName();

    [GeneratedRegex(@"newTag:\s*""?([^""\s]+)")]
    private static partial Regex NewTag();
}
