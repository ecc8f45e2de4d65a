using System.Diagnostics;
using Pipelines.Testing.Faults;
using Pipelines.Testing.Kubernetes;
using Xunit.Abstractions;

namespace Pipelines.Kubernetes.Tests.Hardening;

/// <summary>
/// A server that never stops sending: a watch whose answer is one line without end, and a plain answer without end. Neither is
/// ever silent, so no silence bound ends them; each is cut off at its size bound (16 MiB for one watch event, 256 MiB for a plain
/// answer) and the wait fails in one line, instead of filling the build's memory for as long as the server keeps sending.
/// </summary>
public sealed class FloodingAnswers(ITestOutputHelper output)
{
    [Fact]
    public async Task A_watch_event_without_end_is_cut_off_at_16_MiB_and_the_wait_fails_in_one_line()
    {
        await using var standIn = await KubernetesStandIn.StartAsync();
        DeploymentScript.Create(standIn, "shop", "web", RolloutScene.OldImage);
        standIn.FloodWatches();
        var dir = Directory.CreateTempSubdirectory("flooding-watch-").FullName;
        try
        {
            var connection = ClusterConnection.Open(new KubernetesConnectionOptions(standIn.WriteKubeconfig(dir)));
            var clock = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<ClusterAccessException>(() =>
                new RolloutWatcher(connection).WaitAsync(RolloutScene.For("deployment/shop/web") with { ApiOutageTolerance = TimeSpan.FromSeconds(2) }));
            var seconds = clock.Elapsed.TotalSeconds;

            Assert.Matches(@"^the Kubernetes API at http://127\.0\.0\.1:\d+/ sent an event of more than 16 MiB in its answer to GET /\S+, larger than any object", error.Message);
            Assert.DoesNotContain('\n', error.Message);
            Assert.True(standIn.Requests.Count(r => r.IsWatch) >= 1);
            HardeningFigures.Record(output, "hostile", "cluster/watch-event-without-end", ("tried", 1), ("handled", 1), ("seconds", Math.Round(seconds, 1)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    // Every line is checked, also one that a read both ends and follows with more: not only what is left after the last newline.
    [Theory]
    [InlineData(new[] { "aaaaaa\nb" }, true)]
    [InlineData(new[] { "aaa", "aaa\nb" }, true)]
    [InlineData(new[] { "aaa\naa", "aaa\n", "aaaaa\naaaaa" }, false)]
    [InlineData(new[] { "a\naaaaaa" }, true)]
    public async Task A_watch_line_longer_than_its_bound_is_refused_wherever_the_reads_split_it(string[] reads, bool refused)
    {
        var stream = new LineBoundStream(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(string.Concat(reads))), 5, () => new IOException("line too long"));
        var buffer = new byte[64];

        // A read asks for exactly the next piece, so the memory stream hands the bytes out split as a socket might.
        async Task ReadAllAsync()
        {
            foreach (var read in reads)
                Assert.Equal(read.Length, await stream.ReadAsync(buffer.AsMemory(0, read.Length)));
        }

        if (refused) Assert.Equal("line too long", (await Assert.ThrowsAsync<IOException>(ReadAllAsync)).Message);
        else await ReadAllAsync();
    }

    [Fact]
    public async Task A_plain_answer_without_end_is_cut_off_at_256_MiB_and_the_wait_fails_in_one_line()
    {
        await using var peer = ScriptedHttpPeer.Start(_ => ScriptedAnswer.Huge("application/json", """{"kind":"Deployment","metadata":{"name":""", 1L << 30));
        var dir = Directory.CreateTempSubdirectory("flooding-answer-").FullName;
        try
        {
            var kubeconfig = Path.Combine(dir, "kubeconfig");
            File.WriteAllText(kubeconfig, $$$"""
                apiVersion: v1
                kind: Config
                clusters: [{name: flood, cluster: {server: '{{{peer.Url}}}'}}]
                users: [{name: flood, user: {}}]
                contexts: [{name: flood, context: {cluster: flood, user: flood}}]
                current-context: flood
                """);
            var connection = ClusterConnection.Open(new KubernetesConnectionOptions(kubeconfig));
            var clock = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<ClusterAccessException>(() =>
                new RolloutWatcher(connection).WaitAsync(RolloutScene.For("deployment/shop/web") with { ApiOutageTolerance = TimeSpan.FromSeconds(2) }));
            var seconds = clock.Elapsed.TotalSeconds;

            Assert.Matches(@"^the Kubernetes API at http://127\.0\.0\.1:\d+/ answered GET /\S+ with more than 256 MiB", error.Message);
            Assert.DoesNotContain('\n', error.Message);
            Assert.True(peer.BodyBytesSent < 1L << 30, $"all {peer.BodyBytesSent} bytes were read");
            HardeningFigures.Record(output, "hostile", "cluster/answer-without-end", ("tried", 1), ("handled", 1), ("seconds", Math.Round(seconds, 1)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
