using Pipelines;
using Pipelines.Containers.Building;
using Pipelines.Tooling;

/// <summary>
/// A Docker engine for the demo, the way a new user expects the main command to find one: the engine DOCKER_HOST or the default
/// socket names when it answers; otherwise, as root (or with passwordless sudo) on Debian or Ubuntu, docker.io installed and
/// dockerd started in the background with its defaults, where it keeps running for later builds, like the service a package
/// starts. debootstrap comes along, for the offline base when the official base image's registry cannot be reached.
/// </summary>
static class LocalEngine
{
    const string LogFile = "/var/log/pipelines-dockerd.log";
    static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);

    static readonly IReadOnlyList<HostCommand> Engine = [new("dockerd", "docker.io"), new("docker", "docker.io")];
    static readonly IReadOnlyList<HostCommand> OfflineBase = [new("debootstrap", "debootstrap")];

    /// <returns>A note for the summary.</returns>
    public static async Task<string> EnsureAsync(ProcessRunner tools, IReadOnlyDictionary<string, string?> environment, TextWriter log, CancellationToken ct)
    {
        var offline = await HostPackages.EnsureAsync(OfflineBase, tools, log, ct, optional: true);
        var engine = new DockerEngine(tools);
        try
        {
            return $"Docker engine {await engine.EnsureAnsweringAsync(ct)} at {engine.Host}; {offline}";
        }
        catch (ContainerEngineUnavailableException) when (string.IsNullOrEmpty(environment.GetValueOrDefault("DOCKER_HOST")))
        {
            // Nothing answers at the default socket and nothing else was asked for: start the machine's own engine.
        }
        var installed = await HostPackages.EnsureAsync(Engine, tools, log, ct);
        var sudo = await HostPackages.PrivilegeAsync(tools, ct)
            ?? throw new TargetFailedException("no Docker engine answers at unix:///var/run/docker.sock; start one (sudo dockerd &) and run again");
        log.WriteLine($"No Docker engine answers at {engine.Host}: starting dockerd in the background (log {LogFile})");
        // setsid and the redirections detach it: it outlives this build, and holds none of its pipes open.
        string[] start = ["sh", "-c", $"setsid dockerd >>{LogFile} 2>&1 </dev/null &"];
        await tools.RunAsync(sudo.Length == 0 ? start[0] : sudo[0], sudo.Length == 0 ? start[1..] : [.. sudo[1..], .. start], quiet: true, ct: ct);
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var version = await engine.EnsureAnsweringAsync(ct);
                return $"started Docker engine {version} at {engine.Host} in {started.Elapsed.TotalSeconds:0.#}s (log {LogFile}; it keeps running); {installed}; {offline}";
            }
            catch (ContainerEngineUnavailableException) when (started.Elapsed < StartBound)
            {
                await Task.Delay(250, ct);
            }
            catch (ContainerEngineUnavailableException e)
            {
                throw new TargetFailedException($"dockerd was started but did not answer within {StartBound.TotalSeconds:0}s ({e.Describe()}); see {LogFile}");
            }
        }
    }
}
