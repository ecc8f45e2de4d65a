using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests;

/// <summary>One test's cluster: the API stand-in, a kubeconfig for it, kubectl and a RolloutWatcher on the same server.</summary>
internal sealed class RolloutScene : IAsyncDisposable
{
    public const string Repository = "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/shop/web";
    public static readonly string OldImage = Repository + ":1111111";
    public static readonly string NewImage = Repository + ":2222222";

    private readonly string _dir;

    private RolloutScene(KubernetesStandIn standIn, string dir)
    {
        StandIn = standIn;
        _dir = dir;
        Kubeconfig = standIn.WriteKubeconfig(dir);
        Kubectl = new Kubectl(Kubeconfig);
        Connection = ClusterConnection.Open(new KubernetesConnectionOptions(Kubeconfig));
        Watcher = new RolloutWatcher(Connection);
    }

    public KubernetesStandIn StandIn { get; }
    public string Kubeconfig { get; }
    public Kubectl Kubectl { get; }
    public ClusterConnection Connection { get; }
    public RolloutWatcher Watcher { get; }
    public ProgressLog Progress { get; } = new();

    public static async Task<RolloutScene> StartAsync() =>
        new(await KubernetesStandIn.StartAsync(), Directory.CreateTempSubdirectory("rollout-").FullName);

    public static RolloutWaitOptions For(string workload, string image = "2222222") =>
        new(new ExpectedImage(Repository, image), [WorkloadReference.Parse(workload)], []) { Timeout = TimeSpan.FromMinutes(2) };

    public Task<RolloutResult> WaitAsync(RolloutWaitOptions options) => Task.Run(() => Watcher.WaitAsync(options, Progress));

    /// <summary>Completes when WaitRollout has its watch of <paramref name="plural"/> open.</summary>
    public Task<Pipelines.Testing.Kubernetes.ApiRequest> WatchOpen(string plural, int afterRequest = 0) => StandIn.WaitForRequestAsync(r => r.IsWatchOf(plural), afterRequest);

    public async ValueTask DisposeAsync()
    {
        Connection.Client.Dispose();
        await StandIn.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
