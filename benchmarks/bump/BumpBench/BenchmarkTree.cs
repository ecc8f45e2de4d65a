namespace Pipelines.Benchmarks.Bump;

/// <summary>
/// The generated config repo both benchmarks use: Deployments and Services in folders of 100, every tenth one running
/// the image (with a sidecar whose repository shares its prefix), the rest running sibling repositories.
/// </summary>
public static class BenchmarkTree
{
    public const string Repository = "registry.example.com/team/app";

    /// <summary>Writes <paramref name="files"/> manifests under <paramref name="dir"/>, <paramref name="referencing"/> of them running the image.</summary>
    public static void Generate(string dir, int files, int referencing)
    {
        var every = files / referencing;
        for (var i = 0; i < files; i++)
        {
            var folder = Path.Combine(dir, "apps", $"team{i / 100:00}");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"svc{i:00000}.yaml"), Manifest(i, i % every == 0));
        }
    }

    /// <summary>Manifest number <paramref name="i"/>, running the image when <paramref name="referencing"/>.</summary>
    public static string Manifest(int i, bool referencing)
    {
        var image = referencing ? Repository : $"registry.example.com/team/svc{i:00000}";
        var sidecar = referencing ? $"\n        - name: worker\n          image: {Repository}-worker:1a2b3c4 # a longer name sharing the prefix" : "";
        return $"""
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

            """;
    }
}
