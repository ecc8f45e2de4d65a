using Pipelines.Testing;
using Pipelines.Tooling;

namespace Pipelines.Components.Tests.Adoption;

/// <summary>
/// Everything an adopting team would have: this repository's packages packed at a unique prerelease version into a
/// temporary folder, and the template package installed into a private template hive (the user's templates are
/// untouched). Packing happens once per test class; <see cref="Dispose"/> removes the temporary folder, the hive and
/// the unpacked copies of those packages in the NuGet cache.
/// </summary>
public sealed class AdoptionWorkspace : IDisposable
{
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(25);

    /// <summary>The repository being packed.</summary>
    public string SourceRoot { get; }

    /// <summary>Unique prerelease version of every packed package.</summary>
    public string Version { get; } = $"0.1.0-adoption.t{Guid.NewGuid():N}"[..28];

    /// <summary>Root of every temporary file this workspace makes.</summary>
    public string TempRoot { get; } = Path.Combine(Path.GetTempPath(), $"pipelines-adoption-{Guid.NewGuid():N}"[..30]);

    /// <summary>The packed .nupkg files.</summary>
    public string PackagesDirectory => Path.Combine(TempRoot, "packages");

    /// <summary>The private template hive for <c>dotnet new --debug:custom-hive</c>.</summary>
    public string Hive => Path.Combine(TempRoot, "hive");

    /// <summary>Log of every command run, for failure messages.</summary>
    public StringWriter Log { get; } = new();

    readonly ProcessRunner runner;
    string? globalPackages;

    /// <summary>Packs the repository and installs the template package; runs once per test class.</summary>
    public AdoptionWorkspace()
    {
        runner = new ProcessRunner(new SecretMasker(), Log);
        SourceRoot = SourceTree.Root;
        Directory.CreateDirectory(TempRoot);
        try
        {
            PrepareAsync().GetAwaiter().GetResult();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>
    /// Variables for every child process: no telemetry or banners, and no build servers left running after a test
    /// (node reuse and the shared compiler would outlive it and hold its output pipes open).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> ChildEnvironment { get; } = new Dictionary<string, string?>
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["DOTNET_CLI_UI_LANGUAGE"] = "en",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["UseSharedCompilation"] = "false",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        // Set by the test host's own SDK; a child dotnet must resolve its SDK afresh.
        ["MSBuildExtensionsPath"] = null,
        ["MSBuildSDKsPath"] = null,
        ["MSBUILD_EXE_PATH"] = null,
        ["PIPELINES_HOST"] = null,
        ["GITHUB_ACTIONS"] = null,
        ["JENKINS_URL"] = null,
    };

    /// <summary>Runs a command with the workspace's environment, failing with its last output lines.</summary>
    public async Task<ProcessResult> RunAsync(string tool, IEnumerable<string> arguments, string workingDirectory, bool throwOnError = true)
    {
        using var cancel = new CancellationTokenSource(Patience);
        return await runner.RunAsync(tool, arguments, workingDirectory, ChildEnvironment, quiet: true, throwOnError: throwOnError, ct: cancel.Token);
    }

    async Task PrepareAsync()
    {
        var cache = await RunAsync("dotnet", ["nuget", "locals", "global-packages", "--list"], TempRoot);
        globalPackages = cache.StandardOutput.Split('\n')
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith("global-packages:", StringComparison.Ordinal))?["global-packages:".Length..].Trim();

        // One solution over every src/ project, so everything packs in one build with isolated bin/obj
        // (the artifacts path keeps this build out of the working tree's own outputs).
        var solutionDirectory = Path.Combine(TempRoot, "pack");
        Directory.CreateDirectory(solutionDirectory);
        var projects = Directory.GetDirectories(Path.Combine(SourceRoot, "src"))
            .SelectMany(d => Directory.GetFiles(d, "*.csproj"))
            .Order(StringComparer.Ordinal)
            .ToList();
        await RunAsync("dotnet", ["new", "sln", "--name", "Packages", "--format", "sln"], solutionDirectory);
        var solution = Path.Combine(solutionDirectory, "Packages.sln");
        await RunAsync("dotnet", ["sln", solution, "add", .. projects], solutionDirectory);
        await RunAsync("dotnet", ["pack", solution, "-c", "Release", $"-p:Version={Version}", "-o", PackagesDirectory,
            "--artifacts-path", Path.Combine(TempRoot, "artifacts"), "-nodeReuse:false", "-nologo"], solutionDirectory);

        await RunAsync("dotnet", ["new", "install", TemplatePackage, "--debug:custom-hive", Hive], TempRoot);
    }

    /// <summary>The packed template package.</summary>
    public string TemplatePackage => Path.Combine(PackagesDirectory, $"Pipelines.Templates.{Version}.nupkg");

    /// <summary>Removes the temporary folder, the hive and this version's unpacked packages from the NuGet cache.</summary>
    public void Dispose()
    {
        if (globalPackages is not null && Directory.Exists(globalPackages))
        {
            foreach (var package in Directory.GetDirectories(globalPackages, "pipelines*"))
            {
                var unpacked = Path.Combine(package, Version.ToLowerInvariant());
                if (Directory.Exists(unpacked))
                    Directory.Delete(unpacked, recursive: true);
                if (Directory.GetFileSystemEntries(package).Length == 0)
                    Directory.Delete(package);
            }
        }
        if (Directory.Exists(TempRoot))
            Directory.Delete(TempRoot, recursive: true);
    }
}
