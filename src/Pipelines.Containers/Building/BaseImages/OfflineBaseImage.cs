using System.Security.Cryptography;
using System.Text;
using Pipelines.Tooling;

namespace Pipelines.Containers.Building;

/// <summary>
/// A minimal Debian (or Ubuntu) root filesystem made with <c>debootstrap --variant=minbase</c> from the archive this machine's
/// apt uses, trimmed of documentation and package lists, and imported into the engine as <c>pipelines/offline-base:&lt;suite&gt;-&lt;hash&gt;</c>.
/// It carries what a self-contained .NET app needs (libc, libstdc++, ICU, CA certificates, time zones) and nothing from an
/// image registry. The engine keeps it, so it is built once per archive and package set.
/// </summary>
/// <param name="runner">Runs debootstrap, tar and docker.</param>
/// <param name="engine">The engine it is imported into.</param>
public sealed class OfflineBaseImage(ProcessRunner runner, DockerEngine engine)
{
    /// <summary>The repository offline bases are tagged in.</summary>
    public const string Repository = "pipelines/offline-base";

    /// <summary>How long debootstrap may take (it downloads about 40 MB from the archive).</summary>
    public static readonly TimeSpan BuildBound = TimeSpan.FromMinutes(20);

    // ICU's package name carries its version, which differs per release.
    static readonly IReadOnlyDictionary<string, string> IcuPackages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bullseye"] = "libicu67", ["bookworm"] = "libicu72", ["trixie"] = "libicu76",
        ["focal"] = "libicu66", ["jammy"] = "libicu70", ["noble"] = "libicu74",
    };

    /// <summary>The packages added to minbase for <paramref name="suite"/>.</summary>
    public static IReadOnlyList<string> Packages(string suite) =>
        ["ca-certificates", "tzdata", .. IcuPackages.TryGetValue(suite, out var icu) ? new[] { icu } : []];

    /// <summary>The tag for a base built from <paramref name="archive"/>: the suite and a hash of everything that shapes it.</summary>
    public static string ReferenceFor(DebianArchive archive)
    {
        var shape = $"1|{archive.Uri}|{archive.Suite}|{string.Join(',', Packages(archive.Suite))}";
        return $"{Repository}:{archive.Suite}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(shape)))[..10]}";
    }

    /// <summary>The base for <paramref name="archive"/>, built and imported unless the engine has it already.</summary>
    /// <returns>The reference, and whether it was built now.</returns>
    public async Task<(string Reference, bool Built)> EnsureAsync(DebianArchive archive, TextWriter? log, CancellationToken ct)
    {
        var reference = ReferenceFor(archive);
        if (await engine.HasImageAsync(reference, ct).ConfigureAwait(false))
            return (reference, false);
        if (!System.Environment.IsPrivilegedProcess)
            throw new PipelinesException(FailureKind.Failure, ContainerInputs.OfflineBase, $"needs root to run debootstrap",
                $"run as root, or give a {ContainerInputs.BaseImage} or {ContainerInputs.BaseImageMirror}");
        log?.WriteLine($"Building the offline base {reference} from {archive} (once; the engine keeps it)");
        var work = Path.Combine(Path.GetTempPath(), "pipelines-rootfs-" + Guid.NewGuid().ToString("N")[..10]);
        var rootfs = Path.Combine(work, "rootfs");
        var tarball = Path.Combine(work, "rootfs.tar");
        Directory.CreateDirectory(work);
        try
        {
            try
            {
                await runner.RunAsync("debootstrap",
                    ["--variant=minbase", $"--include={string.Join(',', Packages(archive.Suite))}", archive.Suite, rootfs, archive.Uri.ToString()],
                    quiet: true, timeout: BuildBound, ct: ct).ConfigureAwait(false);
            }
            catch (ToolNotFoundException)
            {
                throw new PipelinesException(FailureKind.Failure, ContainerInputs.OfflineBase, $"needs debootstrap, which is not installed",
                    $"install it (apt-get install debootstrap), or give a {ContainerInputs.BaseImage} or {ContainerInputs.BaseImageMirror}");
            }
            Trim(rootfs);
            await runner.RunAsync("tar", ["--numeric-owner", "-C", rootfs, "-cf", tarball, "."], noEcho: true, quiet: true, ct: ct).ConfigureAwait(false);
            await engine.RunAsync(["import", "-c", "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "-c", "ENV LANG=C.UTF-8",
                "-m", $"minimal root filesystem made by debootstrap from {archive}", tarball, reference], quiet: true, ct: ct).ConfigureAwait(false);
            return (reference, true);
        }
        finally
        {
            await UnmountBelowAsync(rootfs).ConfigureAwait(false);
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log?.WriteLine($"Could not remove {work} ({e.Message})");
            }
        }
    }

    // What a container never reads: documentation, translations and apt's caches (about half the size).
    static void Trim(string rootfs)
    {
        foreach (var folder in new[] { "usr/share/doc", "usr/share/man", "usr/share/info", "usr/share/locale", "var/cache/apt", "var/lib/apt/lists", "var/log" })
        {
            var path = Path.Combine(rootfs, folder);
            if (!Directory.Exists(path))
                continue;
            foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo directory && directory.LinkTarget is null)
                    directory.Delete(recursive: true);
                else
                    entry.Delete();
            }
        }
    }

    /// <summary>A debootstrap that failed half-way can leave /proc or /sys mounted inside the root: unmount before deleting it.</summary>
    async Task UnmountBelowAsync(string rootfs)
    {
        if (!File.Exists("/proc/mounts"))
            return;
        var prefix = rootfs.TrimEnd('/') + "/";
        var mounts = (await File.ReadAllLinesAsync("/proc/mounts").ConfigureAwait(false))
            .Select(l => l.Split(' '))
            .Where(f => f.Length > 1 && f[1].StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => f[1])
            .OrderByDescending(m => m.Length);
        foreach (var mount in mounts)
            await runner.RunAsync("umount", ["-l", mount], noEcho: true, quiet: true, throwOnError: false).ConfigureAwait(false);
    }
}
