using Pipelines;
using Pipelines.Tooling;

/// <summary>
/// The programs the test suites start, with the Debian package that provides each. This list is the one place to
/// add a tool (the npm linters, for instance, belong here too).
/// </summary>
static class TestTools
{
    public static readonly IReadOnlyList<TestTool> All =
    [
        new("dockerd", "docker.io"),
        new("docker-registry", "docker-registry"),
        new("htpasswd", "apache2-utils"),
        new("skopeo", "skopeo"),
        new("busybox", "busybox-static"),
        new("git", "git"),
    ];

    static string InstallCommand => "apt-get install -y " + string.Join(' ', All.Select(t => t.Package).Distinct());

    /// <summary>Installs missing tools when that is safe (root on Debian/Ubuntu); otherwise fails naming the exact command.</summary>
    /// <returns>A note for the summary.</returns>
    public static async Task<string> EnsureInstalledAsync(ProcessRunner tools, TextWriter log, CancellationToken ct)
    {
        var missing = All.Where(t => !t.IsInstalled()).ToList();
        if (missing.Count == 0)
            return "all present";
        var names = string.Join(", ", missing.Select(t => t.Command));
        if (!IsRoot() || !File.Exists("/etc/debian_version"))
        {
            throw new TargetFailedException($"missing test tools: {names}; install them with: sudo apt-get update && sudo {InstallCommand}");
        }
        log.WriteLine($"installing missing test tools: {names}");
        var environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        await tools.RunAsync("apt-get", ["update"], environment: environment, ct: ct);
        await tools.RunAsync("apt-get", ["install", "-y", .. All.Select(t => t.Package).Distinct()], environment: environment, ct: ct);
        var stillMissing = All.Where(t => !t.IsInstalled()).Select(t => t.Command).ToList();
        if (stillMissing.Count > 0)
            throw new TargetFailedException($"apt-get installed the packages but {string.Join(", ", stillMissing)} is still not on PATH");
        return $"installed {names}";
    }

    static bool IsRoot() => Environment.UserName == "root";
}

/// <summary>A program the tests need and the Debian package that provides it.</summary>
/// <param name="Command">The executable name looked up on PATH (and the sbin directories).</param>
/// <param name="Package">The apt package.</param>
sealed record TestTool(string Command, string Package)
{
    public bool IsInstalled()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Any(dir => File.Exists(Path.Combine(dir, Command)));
    }
}
