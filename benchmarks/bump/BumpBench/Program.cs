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
        Console.WriteLine($"library: {edits.Count} files, {edits.Sum(e => e.Changes.Count)} references rewritten in {clock.ElapsedMilliseconds} ms (in process)");
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
