// Compares, on the real dockerd + registry + ECR stand-in:
//  1. DockerBuild+PushEcr for a new commit (full push) versus the re-run for the unchanged commit (skip path);
//  2. re-tag by manifest copy (OciRegistryClient.RetagAsync) versus `skopeo copy` of the same image between two tags.
// Figures are medians of several runs; nothing is asserted.
using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Pipelines.Containers.Building;
using Pipelines.Containers.Ecr;
using Pipelines.Containers.Registry;
using Pipelines.Testing.Docker;
using Pipelines.Tooling;

var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
var parts = new ContainerParts();
await parts.InitializeAsync();
try
{
    var runner = new ProcessRunner(new SecretMasker(), TextWriter.Null);
    var repo = await ContainerParts.CreateAppRepositoryAsync("bench");
    const string name = "bench-app";

    async Task BuildAndPushAsync()
    {
        var built = await new ImageBuilder(runner).BuildAsync(new ImageBuildOptions(repo, name) { Environment = parts.Docker.Environment, DockerExecutable = DockerDaemon.Cli });
        await new EcrImagePublisher(runner).PushAsync(new EcrPushOptions(built, name, "cn-north-1")
        {
            Endpoint = parts.Ecr.Endpoint, AccountId = parts.Ecr.AccountId, Credentials = new BasicAWSCredentials(parts.Ecr.AccessKey, parts.Ecr.SecretKey),
            Environment = parts.Docker.Environment, DockerExecutable = DockerDaemon.Cli,
        });
    }

    // Full path: each run is a new commit (new marker), so the build and push both do real work.
    var full = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        await File.WriteAllTextAsync(Path.Combine(repo, "marker.txt"), $"run {i} {Guid.NewGuid()}");
        await ContainerParts.GitAsync(repo, "-c", "user.name=b", "-c", "user.email=b@example.com", "commit", "-q", "-am", $"run {i}");
        full.Add(await TimeAsync(BuildAndPushAsync));
    }
    // Skip path: the same commit again; the build hits the cache and the push is skipped.
    var skip = new List<double>();
    for (var i = 0; i < runs; i++)
        skip.Add(await TimeAsync(BuildAndPushAsync));

    var sha = await ContainerParts.GitAsync(repo, "rev-parse", "--short", "HEAD");
    using var client = new OciRegistryClient(new RegistryClientOptions(parts.Registry.Host) { Credentials = new RegistryCredentials(parts.Registry.Username, parts.Registry.Password) });
    var manifestCopy = new List<double>();
    for (var i = 0; i < runs; i++)
        manifestCopy.Add(await TimeAsync(() => client.RetagAsync(name, sha, $"copy-{i}")));
    var skopeoCopy = new List<double>();
    var creds = $"{parts.Registry.Username}:{parts.Registry.Password}";
    for (var i = 0; i < runs; i++)
    {
        skopeoCopy.Add(await TimeAsync(async () =>
        {
            var (code, _, error) = await ContainerParts.RunAsync("skopeo", null, "copy", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false",
                "--src-creds", creds, "--dest-creds", creds, $"docker://{parts.Registry.Host}/{name}:{sha}", $"docker://{parts.Registry.Host}/{name}:skopeo-{i}");
            if (code != 0)
                throw new InvalidOperationException(error);
        }));
    }

    Console.WriteLine($"Containers benchmark: median of {runs} runs each (ms), dockerd + registry + ECR stand-in on 127.0.0.1");
    Console.WriteLine();
    Print("DockerBuild+PushEcr, new commit (full push)", full, "re-run, unchanged commit (skip path)", skip);
    Print("re-tag: skopeo copy between two tags", skopeoCopy, "re-tag: manifest copy (GET+PUT manifest)", manifestCopy);
    Directory.Delete(repo, recursive: true);
}
finally
{
    await parts.DisposeAsync();
}

static async Task<double> TimeAsync(Func<Task> action)
{
    var watch = Stopwatch.StartNew();
    await action();
    return watch.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

static void Print(string slowName, List<double> slow, string fastName, List<double> fast)
{
    var (s, f) = (Median(slow), Median(fast));
    Console.WriteLine($"  {slowName,-46} {s,9:F1} ms");
    Console.WriteLine($"  {fastName,-46} {f,9:F1} ms");
    Console.WriteLine($"  {"ratio",-46} {s / f,9:F1}x");
    Console.WriteLine();
}
