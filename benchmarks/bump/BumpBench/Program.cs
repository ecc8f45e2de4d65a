using System.Diagnostics;
using Pipelines.GitOps;

// generate <dir> <files> <referencing>: writes a config tree; bump <dir> <repository> <tag>: rewrites it with the library.
switch (args)
{
    case ["generate", var dir, var files, var referencing]:
        Generate(dir, int.Parse(files), int.Parse(referencing));
        return 0;
    case ["bump", var dir, var repository, var tag]:
        var clock = Stopwatch.StartNew();
        var edits = ConfigTreeEditor.Edit(dir, null, new ImageUpdate(ImageTarget.Create(repository, tag)));
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var references = 0;
        foreach (var edit in edits)
            references += edit.Changes.Count;
        // The kernel's peak resident size of this process, and how much of the run went to the JIT despite ReadyToRun.
        var peak = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Console.WriteLine($"library: {edits.Count} files, {references} references rewritten in {elapsed:F0} ms (in process); " +
                          $"peak RSS {(peak is null ? "?" : (long.Parse(peak) / 1024.0).ToString("F1"))} MiB; " +
                          $"{System.Runtime.JitInfo.GetCompiledMethodCount()} methods jitted in {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms");
        return 0;
    default:
        Console.Error.WriteLine("usage: BumpBench generate <dir> <files> <referencing> | bump <dir> <repository> <tag>");
        return 2;
}

static void Generate(string dir, int files, int referencing)
{
    const string App = "registry.example.com/team/app";
    var every = files / referencing;
    for (var i = 0; i < files; i++)
    {
        var folder = Path.Combine(dir, "apps", $"team{i / 100:00}");
        Directory.CreateDirectory(folder);
        var image = i % every == 0 ? App : $"registry.example.com/team/svc{i:00000}";
        var sidecar = i % every == 0 ? $"\n        - name: worker\n          image: {App}-worker:1a2b3c4 # a longer name sharing the prefix" : "";
        File.WriteAllText(Path.Combine(folder, $"svc{i:00000}.yaml"), $"""
            # Service {i}, owned by team {i / 100}.
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: svc{i:00000}
              labels: {"{"}app: svc{i:00000}, tier: backend{"}"}
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: svc{i:00000}
              template:
                metadata:
                  labels:
                    app: svc{i:00000}
                spec:
                  containers:
                    - name: app
                      image: {image}:1a2b3c4 # set by the pipeline
                      ports:
                        - containerPort: 8080
                      env:
                        - name: MODE
                          value: "production"{sidecar}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: svc{i:00000}
            spec:
              selector: {"{"}app: svc{i:00000}{"}"}
              ports: [{"{"}port: 80, targetPort: 8080{"}"}]

            """);
    }
}
