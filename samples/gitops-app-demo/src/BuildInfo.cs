using System.Reflection;

namespace GitOpsAppDemo;

/// <summary>What this running copy of the app was built from.</summary>
/// <param name="Version">The app version, e.g. <c>1.4.0</c> or a commit-based tag.</param>
/// <param name="Commit">The source commit SHA, or <c>unknown</c>.</param>
public sealed record BuildInfo(string Version, string Commit)
{
    /// <summary>
    /// Reads <c>APP_VERSION</c> and <c>SOURCE_COMMIT</c> (set as image environment variables at build time) and falls back
    /// to the assembly's informational version, which <c>dotnet publish -p:Version=… -p:SourceRevisionId=…</c> writes as
    /// <c>version+commit</c>.
    /// </summary>
    public static BuildInfo From(IConfiguration configuration, Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var plus = informational.IndexOf('+');
        var assemblyVersion = plus < 0 ? informational : informational[..plus];
        var assemblyCommit = plus < 0 ? "" : informational[(plus + 1)..];

        return new BuildInfo(
            FirstNonEmpty(configuration["APP_VERSION"], assemblyVersion, "0.0.0"),
            FirstNonEmpty(configuration["SOURCE_COMMIT"], assemblyCommit, "unknown"));
    }

    private static string FirstNonEmpty(params string?[] values) =>
        values.First(value => !string.IsNullOrWhiteSpace(value))!.Trim();
}
