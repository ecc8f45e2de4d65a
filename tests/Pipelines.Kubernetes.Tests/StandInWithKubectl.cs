using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests;

/// <summary>A Kubernetes stand-in and the real kubectl pointed at it: what the tests that check one against the other share.</summary>
public abstract class StandInWithKubectl : IAsyncLifetime
{
    /// <summary>A temporary folder of the test's own (the kubeconfig is in it), deleted afterwards.</summary>
    protected string Folder { get; } = Directory.CreateTempSubdirectory("k8s-standin-").FullName;

    /// <summary>The stand-in, started for each test.</summary>
    protected KubernetesStandIn StandIn { get; private set; } = null!;

    /// <summary>The real kubectl with a kubeconfig for <see cref="StandIn"/>.</summary>
    protected Kubectl Kubectl { get; private set; } = null!;

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        StandIn = await KubernetesStandIn.StartAsync();
        Kubectl = new Kubectl(StandIn.WriteKubeconfig(Folder));
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        await StandIn.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
