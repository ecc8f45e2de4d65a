using System.Diagnostics;
using Pipelines.Kubernetes;
using Pipelines.Testing.Kubernetes;

// Two figures, on the stand-in:
//  1. completion latency: from the scripted controller marking the rollout complete until WaitRollout returns, beside the
//     time until `kubectl rollout status` exits on the same rollout (both watches open before the change);
//  2. failure latency: from the new pods entering ImagePullBackOff until WaitRollout fails, against kubectl, which only
//     fails once the Deployment's progress deadline (progressDeadlineSeconds, 600 s by default) has passed.
var iterations = args.Length > 0 ? int.Parse(args[0]) : 15;
const string repository = "registry.example/shop/web";
var dir = Directory.CreateTempSubdirectory("rollout-bench-").FullName;
await using var standIn = await KubernetesStandIn.StartAsync();
var kubeconfig = standIn.WriteKubeconfig(dir);
var connection = ClusterConnection.Open(new KubernetesConnectionOptions(kubeconfig));
var watcher = new RolloutWatcher(connection);

var ours = new List<double>();
var theirs = new List<double>();
for (var i = 0; i < iterations + 2; i++)
{
    var name = $"web{i}";
    var web = DeploymentScript.Create(standIn, "shop", name, $"{repository}:old");
    web.SetImage($"{repository}:new{i}");
    web.ObserveGeneration();
    web.Progress(updated: 1, available: 0);
    var mark = standIn.Requests.Count;
    var options = new RolloutWaitOptions(new ExpectedImage(repository, $"new{i}"), [new WorkloadReference(WorkloadKind.Deployment, "shop", name)], []);
    var oursTask = Task.Run(async () => { await watcher.WaitAsync(options); return Stopwatch.GetTimestamp(); });
    var kubectl = Process.Start(new ProcessStartInfo(Kubectl.Path, ["--kubeconfig", kubeconfig, "rollout", "status", $"deployment/{name}", "-n", "shop", "--timeout=60s"])
    { RedirectStandardOutput = true, RedirectStandardError = true })!;
    var kubectlTask = Task.Run(async () => { await kubectl.WaitForExitAsync(); return Stopwatch.GetTimestamp(); });
    // Both clients have their deployment watch open: then the change is what they react to.
    await standIn.WaitForRequestAsync(r => r.IsWatchOf("deployments") && r.Query.GetValueOrDefault("fieldSelector") == "metadata.name=" + name, mark);
    var first = standIn.Requests.Count;
    await standIn.WaitForRequestAsync(r => r.IsWatchOf("deployments") && r.Query.GetValueOrDefault("fieldSelector") == "metadata.name=" + name, first);
    var start = Stopwatch.GetTimestamp();
    web.Complete();
    var oursDone = await oursTask;
    var kubectlDone = await kubectlTask;
    if (i < 2) continue; // warm-up
    ours.Add(Stopwatch.GetElapsedTime(start, oursDone).TotalMilliseconds);
    theirs.Add(Stopwatch.GetElapsedTime(start, kubectlDone).TotalMilliseconds);
}

static double Median(List<double> xs) { var s = xs.Order().ToList(); return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2; }
Console.WriteLine($"Rollout completion -> client returns ({iterations} rollouts, median / max):");
Console.WriteLine($"  WaitRollout              {Median(ours),8:0.0} ms / {ours.Max(),8:0.0} ms");
Console.WriteLine($"  kubectl rollout status   {Median(theirs),8:0.0} ms / {theirs.Max(),8:0.0} ms  (includes process exit)");
Console.WriteLine($"  ratio WaitRollout/kubectl {Median(ours) / Median(theirs),7:0.00}  (goal <= 1, and well under 100 ms)");

// ImagePullBackOff: WaitRollout fails on the pod state; kubectl waits for the deadline, then reacts to ProgressDeadlineExceeded.
var failOurs = new List<double>();
var failKubectlAfterDeadline = new List<double>();
for (var i = 0; i < 5; i++)
{
    var name = $"bad{i}";
    var web = DeploymentScript.Create(standIn, "shop", name, $"{repository}:old");
    var options = new RolloutWaitOptions(new ExpectedImage(repository, $"missing{i}"), [new WorkloadReference(WorkloadKind.Deployment, "shop", name)], []);
    var mark = standIn.Requests.Count;
    var oursTask = Task.Run(async () => { try { await watcher.WaitAsync(options); } catch (PodFailureException) { } return Stopwatch.GetTimestamp(); });
    await standIn.WaitForRequestAsync(r => r.IsWatchOf("pods"), mark);
    web.SetImage($"{repository}:missing{i}");
    web.ObserveGeneration();
    web.PodsPulling(1);
    var kubectl = Process.Start(new ProcessStartInfo(Kubectl.Path, ["--kubeconfig", kubeconfig, "rollout", "status", $"deployment/{name}", "-n", "shop", "--timeout=60s"])
    { RedirectStandardOutput = true, RedirectStandardError = true })!;
    var kubectlTask = Task.Run(async () => { await kubectl.WaitForExitAsync(); return Stopwatch.GetTimestamp(); });
    await standIn.WaitForRequestAsync(r => r.IsWatchOf("deployments") && r.Query.GetValueOrDefault("fieldSelector") == "metadata.name=" + name, mark);
    var start = Stopwatch.GetTimestamp();
    web.ImagePullBackOff();
    failOurs.Add(Stopwatch.GetElapsedTime(start, await oursTask).TotalMilliseconds);
    var deadline = Stopwatch.GetTimestamp();
    web.ProgressDeadlineExceeded(); // what the controller does once progressDeadlineSeconds have passed
    failKubectlAfterDeadline.Add(Stopwatch.GetElapsedTime(deadline, await kubectlTask).TotalMilliseconds);
}
Console.WriteLine("ImagePullBackOff -> failure reported (5 rollouts, median):");
Console.WriteLine($"  WaitRollout              {Median(failOurs),8:0.0} ms after the pod state (pod, container, reason and events in the error)");
Console.WriteLine($"  kubectl rollout status   600 s progress deadline + {Median(failKubectlAfterDeadline):0.0} ms (says only \"exceeded its progress deadline\")");
Console.WriteLine($"  ratio                    {Median(failOurs) / (600_000 + Median(failKubectlAfterDeadline)):0.000000}");
connection.Client.Dispose();
Directory.Delete(dir, recursive: true);
