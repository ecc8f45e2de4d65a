namespace Pipelines.Components;

/// <summary>
/// Compile: <c>dotnet build</c> of the solution (or project), stamped with the version from the newest <c>v*</c> git tag
/// and the commit it was built from (<c>SourceRevisionId</c>), so every binary says where it came from.
/// </summary>
public interface ICompile : IPipelineBuild
{
    /// <summary>The solution or project to build.</summary>
    [Parameter("Solution or project to build (relative to the root); defaults to the single .sln/.slnx or project file at the root")]
    string? Solution => TryGetValue(() => Solution);

    /// <summary>The build configuration.</summary>
    [Parameter("Build configuration, e.g. Release or Debug")]
    string Configuration => TryGetValue(() => Configuration) ?? "Release";

    /// <summary>The version to stamp; from git when omitted.</summary>
    [Parameter("Version to stamp into the binaries; defaults to the newest v<version> git tag, else the projects' own")]
    string? Version => TryGetValue(() => Version);

    /// <summary>Builds the solution.</summary>
    Target Compile => _ => _
        .Description("Build the solution (dotnet build), stamped with the version and source commit")
        .Executes(async ct =>
        {
            var solution = ResolveSolution();
            await Tools.RunAsync("dotnet", ["build", solution, "-c", Configuration, "--nologo", .. await VersionPropertiesAsync(ct).ConfigureAwait(false)],
                RootDirectory, ct: ct).ConfigureAwait(false);
            Note($"{Path.GetRelativePath(RootDirectory, solution)} ({Configuration})");
        });

    /// <summary>The absolute path of <c>--solution</c>, or of the single solution or project file at the root.</summary>
    string ResolveSolution()
    {
        if (Solution is { Length: > 0 } given)
        {
            var path = Path.GetFullPath(given, RootDirectory);
            return File.Exists(path) || Directory.Exists(path)
                ? path
                : throw new InvocationException($"--solution '{given}' does not exist under {RootDirectory}; pass a .sln, .slnx or project path");
        }
        string[] Find(params string[] patterns) => patterns.SelectMany(p => Directory.GetFiles(RootDirectory, p)).Order(StringComparer.Ordinal).ToArray();
        var candidates = Find("*.sln", "*.slnx") is { Length: > 0 } solutions ? solutions : Find("*.csproj", "*.fsproj", "*.vbproj");
        return candidates.Length == 1
            ? candidates[0]
            : throw new InvocationException(candidates.Length == 0
                ? $"--solution is missing and {RootDirectory} holds no .sln, .slnx or project file; pass --solution <path>"
                : $"--solution is missing and {RootDirectory} holds {candidates.Length} candidates ({string.Join(", ", candidates.Select(Path.GetFileName))}); pass --solution <path>");
    }

    /// <summary>
    /// MSBuild properties that stamp the version and source commit: <c>-p:Version=…</c> from <c>--version</c> or the newest
    /// <c>v*</c> tag, and <c>-p:SourceRevisionId=&lt;sha&gt;</c>. Empty outside a git repository.
    /// </summary>
    async Task<IReadOnlyList<string>> VersionPropertiesAsync(CancellationToken ct)
    {
        var properties = new List<string>();
        var version = Version;
        if (version is null)
        {
            var tag = await Tools.RunAsync("git", ["describe", "--tags", "--abbrev=0", "--match", "v[0-9]*"], RootDirectory,
                Pipelines.Tooling.GitEnvironment.Pinned, quiet: true, throwOnError: false, ct: ct).ConfigureAwait(false);
            if (tag.ExitCode == 0)
                version = tag.StandardOutput.Trim().TrimStart('v');
        }
        if (!string.IsNullOrEmpty(version))
            properties.Add($"-p:Version={version}");
        var head = await Tools.RunAsync("git", ["rev-parse", "HEAD"], RootDirectory, Pipelines.Tooling.GitEnvironment.Pinned, quiet: true, throwOnError: false, ct: ct).ConfigureAwait(false);
        if (head.ExitCode == 0)
            properties.Add($"-p:SourceRevisionId={head.StandardOutput.Trim()}");
        return properties;
    }
}
