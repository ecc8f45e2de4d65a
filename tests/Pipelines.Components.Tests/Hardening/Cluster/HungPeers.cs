using Pipelines.Testing.Faults;
using Xunit.Abstractions;

namespace Pipelines.Components.Tests.Hardening.Cluster;

/// <summary>
/// Peers that take a connection and never answer, or never take it: WaitRollout ends within its bounds with one line naming the
/// bound to raise, instead of hanging; and a control run shows the same scene succeeds with a well-behaved server.
/// </summary>
public sealed class HungPeers(HostileClusterScene scene, ITestOutputHelper output) : IClassFixture<HostileClusterScene>
{
    static readonly string[] Bounds = ["--kube-connect-timeout", "00:00:02", "--kube-request-timeout", "00:00:02"];

    [Fact]
    public async Task A_well_behaved_server_is_waited_for_to_the_end()
    {
        var root = scene.NewRoot("control");
        var run = await HostileRun.RunAsync<RolloutWaitBuild>(root, HostileClusterScene.Wait(scene.Kubeconfig(root, "{token: " + HostileClusterScene.GoodToken + "}"), Bounds));
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("token", run.Output);
        Assert.DoesNotContain(HostileClusterScene.GoodToken, run.Output);
    }

    [Fact]
    public async Task An_API_server_that_accepts_and_never_answers()
    {
        using var peer = SilentPeer.Accepting();
        var root = scene.NewRoot("never-answers");
        var run = await HostileRun.RunAsync<RolloutWaitBuild>(root, HostileClusterScene.Wait(scene.KubeconfigFor(root, $"http://127.0.0.1:{peer.Port}"), Bounds));
        run.AssertHandled(1, 15, ["accepted the connection but did not answer GET", "within 00:00:04 (connect and request timeouts)", "--kube-request-timeout"]);
        Assert.True(peer.Accepted >= 1);
        HardeningFigures.Record(output, "hostile", "cluster/api-accepts-never-answers", ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)));
    }

    [Fact]
    public async Task An_API_server_whose_TLS_handshake_never_completes()
    {
        using var peer = SilentPeer.Accepting();
        var root = scene.NewRoot("tls-never-completes");
        var run = await HostileRun.RunAsync<RolloutWaitBuild>(root, HostileClusterScene.Wait(scene.KubeconfigFor(root, $"https://127.0.0.1:{peer.Port}"), Bounds));
        run.AssertHandled(1, 15, ["did not accept a connection (TCP and TLS) within 00:00:02", "--kube-connect-timeout"], HostileClusterScene.GoodToken);
        HardeningFigures.Record(output, "hostile", "cluster/api-tls-handshake-never-completes", ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)));
    }

    [Fact]
    public async Task An_API_server_that_never_takes_the_connection()
    {
        using var peer = SilentPeer.NotAccepting();
        var root = scene.NewRoot("never-accepts");
        var run = await HostileRun.RunAsync<RolloutWaitBuild>(root, HostileClusterScene.Wait(scene.KubeconfigFor(root, $"https://127.0.0.1:{peer.Port}"), Bounds));
        run.AssertHandled(1, 15, ["did not accept a connection (TCP and TLS) within 00:00:02", "--kube-connect-timeout"], HostileClusterScene.GoodToken);
        HardeningFigures.Record(output, "hostile", "cluster/api-never-accepts", ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)));
    }
}
