using Pipelines;

/// <summary>
/// Demo: the sample app's whole flow on local defaults, run as its own build (samples/gitops-app-demo is laid out like an
/// app repository that adopted Pipelines, with its own Compile and Test targets), so `./build.sh` shows everything at once.
/// Arguments after `--` go to the sample's build: `./build.sh -- --base-image-mirror registry.example.cn/mcr`.
/// </summary>
partial class Build
{
    Target LocalDockerEngine => _ => _
        .Description("Make sure a Docker engine answers (installs docker.io and starts dockerd when none does, as root on Debian/Ubuntu)")
        .Executes(async ct => Note(await LocalEngine.EnsureAsync(Tools, EnvironmentVariables, Log, ct)));

    Target Demo => _ => _
        .Description("Run the sample app's Release flow on local defaults (samples/gitops-app-demo/build.sh Release; arguments after -- are passed on)")
        .DependsOn(LocalDockerEngine)
        .Executes(async ct =>
        {
            var sample = Path.Combine(RootDirectory, "samples", "gitops-app-demo");
            string[] release = ["Release", .. ForwardedArguments];
            if (OperatingSystem.IsWindows())
                await Tools.RunAsync("pwsh", ["-NoProfile", "-File", Path.Combine(sample, "build.ps1"), .. release], sample, ct: ct);
            else
                await Tools.RunAsync(Path.Combine(sample, "build.sh"), release, sample, ct: ct);
            Note("sample Release on local defaults: see samples/gitops-app-demo/README.md");
        });
}
