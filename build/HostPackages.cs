using Pipelines;
using Pipelines.Tooling;

/// <summary>
/// Installs the Debian packages behind commands this machine lacks. Only a missing command's package is installed, never
/// one whose command is already on PATH from another source (NodeSource's node brings its own npm, which Debian's npm
/// conflicts with). Root installs directly, a CI runner with passwordless sudo through <c>sudo -n</c>, anyone else is told
/// the exact command.
/// </summary>
static class HostPackages
{
    /// <summary>Makes sure every command in <paramref name="wanted"/> is on PATH.</summary>
    /// <param name="wanted">The commands and their packages.</param>
    /// <param name="tools">Runs apt-get.</param>
    /// <param name="log">Where progress goes.</param>
    /// <param name="optional">When this machine cannot install (not root, no passwordless sudo, not Debian), say so in the note
    /// instead of failing.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>A note for the summary: what was present or installed.</returns>
    public static async Task<string> EnsureAsync(IReadOnlyList<HostCommand> wanted, ProcessRunner tools, TextWriter log, CancellationToken ct, bool optional = false)
    {
        var missing = wanted.Where(t => !t.IsInstalled()).ToList();
        if (missing.Count == 0)
            return $"{string.Join(", ", wanted.Select(t => t.Command))} present";
        var packages = missing.Select(t => t.Package).Distinct().ToList();
        var names = string.Join(", ", missing.Select(t => t.Command));
        var sudo = await PrivilegeAsync(tools, ct);
        var command = $"sudo apt-get update && sudo apt-get install -y {string.Join(' ', packages)}";
        if (sudo is null && optional)
            return $"{names} not installed (install with: {command})";
        if (sudo is null)
            throw new TargetFailedException($"missing {names}; install with: {command}");
        log.WriteLine($"installing {string.Join(' ', packages)} for {names}");
        var update = await AptAsync(tools, sudo, ["update", "-q"], ct);
        if (!update.Succeeded)
            log.WriteLine($"apt-get update exited {update.ExitCode}; installing from the package lists already on this machine");
        var install = await AptAsync(tools, sudo, ["install", "-y", "-q", "--no-install-recommends", .. packages], ct);
        if (!install.Succeeded)
            throw new TargetFailedException(AptRefusal.Describe(packages, install.StandardOutput + install.StandardError, install.ExitCode));
        var stillMissing = missing.Where(t => !t.IsInstalled()).Select(t => t.Command).ToList();
        if (stillMissing.Count > 0)
            throw new TargetFailedException($"apt-get installed {string.Join(' ', packages)} but {string.Join(", ", stillMissing)} is still not on PATH; check the packages' contents with dpkg -L");
        return $"installed {string.Join(' ', packages)}";
    }

    /// <summary>How this machine may run a privileged command: directly as root, through <c>sudo -n</c> (a CI runner), or not at all;
    /// never where apt is not the package manager.</summary>
    public static async Task<string[]?> PrivilegeAsync(ProcessRunner tools, CancellationToken ct) =>
        !File.Exists("/etc/debian_version") ? null : IsRoot() ? [] : await CanSudoAsync(tools, ct) ? ["sudo", "-n"] : null;

    static Task<ProcessResult> AptAsync(ProcessRunner tools, string[] sudo, string[] arguments, CancellationToken ct)
    {
        // Output goes to the log line by line; the failure is summarised from it in one line, not repeated.
        string[] command = [.. sudo, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", .. arguments];
        return tools.RunAsync(command[0], command[1..], throwOnError: false, ct: ct);
    }

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

/// <summary>A program a target needs and the Debian package that provides it.</summary>
/// <param name="Command">The executable name looked up on PATH (and the sbin directories).</param>
/// <param name="Package">The apt package.</param>
sealed record HostCommand(string Command, string Package)
{
    public bool IsInstalled() => Locate() is not null;

    /// <summary>The full path of the command, or null.</summary>
    public string? Locate()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/bin"])
            .Select(dir => Path.Combine(dir, Command))
            .FirstOrDefault(File.Exists);
    }
}
