using System.Diagnostics;
using System.Text.Json.Nodes;
using Pipelines.Kubernetes;
using Pipelines.Kubernetes.Verifying;
using Pipelines.Testing.Apps;
using Pipelines.Testing.Kubernetes;

// From "rollout complete" to "verified", without a soak, on the stand-in: the scripted controller completes a rollout of a
// Deployment whose Service targets a local listener that plays the app (its /version serves the new tag). Ours: WaitRollout
// (its watch open before the change) returns, then Verify checks /version through the API server's service proxy and finds
// the tag. The peer is what a pipeline script does by hand: `kubectl rollout status` (watch open before the change), then
// `kubectl get --raw` of the same proxy path, its output searched for the tag. Each on its own rollout, one after the other.
var iterations = args.Length > 0 ? int.Parse(args[0]) : 15;
const string repository = "registry.example/shop/web";
var dir = Directory.CreateTempSubdirectory("verify-bench-").FullName;
await using var standIn = await KubernetesStandIn.StartAsync();
var kubeconfig = standIn.WriteKubeconfig(dir);
var connection = ClusterConnection.Open(new KubernetesConnectionOptions(kubeconfig));
var watcher = new RolloutWatcher(connection);
var verifier = new Verifier(connection);
var serving = "old";
await using var app = await ServedApp.StartAsync(() => (serving, "5d6e7f8a9b0c1d2e3f405162738495a6b7c8d9e0"));

var ours = new List<double>();
var oursVerifyOnly = new List<double>();
var theirs = new List<double>();
var theirsGetOnly = new List<double>();
for (var i = 0; i < iterations + 2; i++)
{
    var tag = $"new{i}";
    serving = tag;

    // Ours.
    var (web, name, mark) = Start($"ours{i}");
    var options = new RolloutWaitOptions(new ExpectedImage(repository, tag), [new WorkloadReference(WorkloadKind.Deployment, "shop", name)], []);
    var oursTask = Task.Run(async () =>
    {
        await watcher.WaitAsync(options);
        var waited = Stopwatch.GetTimestamp();
        var result = await verifier.VerifyAsync(new VerificationOptions
        {
            App = VerificationEndpoint.Service(new ServiceAddress("shop", name, "http")),
            Path = "/version",
            BodyMustContain = [tag],
            Image = new ExpectedImage(repository, tag),
            Workloads = options.Workloads,
            Interval = TimeSpan.FromMilliseconds(200),
            CheckTimeout = TimeSpan.FromSeconds(5),
            Grace = TimeSpan.FromSeconds(5),
        });
        if (!result.Passed) throw new InvalidOperationException(result.Failure);
        return (Waited: waited, Verified: Stopwatch.GetTimestamp());
    });
    await Watching(name, mark);
    var start = Stopwatch.GetTimestamp();
    web.Complete();
    var (oursWaited, oursVerified) = await oursTask;
    if (i >= 2)
    {
        ours.Add(Stopwatch.GetElapsedTime(start, oursVerified).TotalMilliseconds);
        oursVerifyOnly.Add(Stopwatch.GetElapsedTime(oursWaited, oursVerified).TotalMilliseconds);
    }

    // kubectl.
    (web, name, mark) = Start($"kubectl{i}");
    var status = Process.Start(new ProcessStartInfo(Kubectl.Path, ["--kubeconfig", kubeconfig, "rollout", "status", $"deployment/{name}", "-n", "shop", "--timeout=60s"])
    { RedirectStandardOutput = true, RedirectStandardError = true })!;
    await Watching(name, mark);
    start = Stopwatch.GetTimestamp();
    web.Complete();
    await status.WaitForExitAsync();
    var rolledOut = Stopwatch.GetTimestamp();
    var get = Process.Start(new ProcessStartInfo(Kubectl.Path, ["--kubeconfig", kubeconfig, "get", "--raw", $"/api/v1/namespaces/shop/services/{name}:http/proxy/version"])
    { RedirectStandardOutput = true, RedirectStandardError = true })!;
    var body = await get.StandardOutput.ReadToEndAsync();
    await get.WaitForExitAsync();
    var done = Stopwatch.GetTimestamp();
    if (status.ExitCode != 0 || get.ExitCode != 0 || !body.Contains(tag, StringComparison.Ordinal))
        throw new InvalidOperationException($"kubectl: rollout status {status.ExitCode}, get --raw {get.ExitCode}: {body}");
    if (i >= 2)
    {
        theirs.Add(Stopwatch.GetElapsedTime(start, done).TotalMilliseconds);
        theirsGetOnly.Add(Stopwatch.GetElapsedTime(rolledOut, done).TotalMilliseconds);
    }
}

static double Median(List<double> xs) { var s = xs.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
Console.WriteLine($"Rollout complete -> verified, no soak ({iterations} rollouts each, median / max):");
Console.WriteLine($"  WaitRollout + Verify                          {Median(ours),8:0.0} ms / {ours.Max(),8:0.0} ms   (Verify alone {Median(oursVerifyOnly):0.0} ms)");
Console.WriteLine($"  kubectl rollout status + kubectl get --raw    {Median(theirs),8:0.0} ms / {theirs.Max(),8:0.0} ms   (get --raw alone {Median(theirsGetOnly):0.0} ms, process start included)");
Console.WriteLine($"  ratio ours/kubectl                            {Median(ours) / Median(theirs),8:0.00}");
connection.Client.Dispose();
Directory.Delete(dir, recursive: true);

// A Deployment mid-rollout to the iteration's tag, with a Service shop/<name>:http targeting the app.
(DeploymentScript Web, string Name, int Mark) Start(string name)
{
    var web = DeploymentScript.Create(standIn, "shop", name, $"{repository}:old", replicas: 2);
    ServiceManifests.Create(standIn, "shop", ServiceManifests.Service(name, name, 80, "http", JsonValue.Create(app.Port)));
    var mark = standIn.Requests.Count;
    web.SetImage($"{repository}:{serving}");
    web.ObserveGeneration();
    web.Progress(updated: 1, available: 0);
    return (web, name, mark);
}

// The client's deployment watch is open: then the change is what it reacts to.
async Task Watching(string name, int mark) =>
    await standIn.WaitForRequestAsync(r => r.IsWatchOf("deployments") && r.Query.GetValueOrDefault("fieldSelector") == "metadata.name=" + name, mark);
