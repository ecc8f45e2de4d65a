using Pipelines;

/// <summary>
/// Demo: the sample app's whole flow on local defaults, run as its own build (samples/gitops-app-demo is laid out like an
/// app repository that adopted Pipelines, with its own Compile and Test targets), so `./build.sh` shows everything at once.
/// </summary>
partial class Build
{
    Target Demo => _ => _
        .Description("Run the sample app's Release flow on local defaults (samples/gitops-app-demo/build.sh Release)")
        .Executes(async ct =>
        {
            var sample = Path.Combine(RootDirectory, "samples", "gitops-app-demo");
            if (OperatingSystem.IsWindows())
                await Tools.RunAsync("pwsh", ["-NoProfile", "-File", Path.Combine(sample, "build.ps1"), "Release"], sample, ct: ct);
            else
                await Tools.RunAsync(Path.Combine(sample, "build.sh"), ["Release"], sample, ct: ct);
            Note("sample Release on local defaults: see samples/gitops-app-demo/README.md");
        });
}
