using System.Text.RegularExpressions;

namespace Pipelines.Components;

/// <summary>
/// Where InitConfigRepo writes: a remote URL or a bare repository (cloned, scaffolded, pushed), or a local working tree
/// (scaffolded in place). A local path ending in <c>.git</c> that does not exist yet becomes a bare repository, which is
/// what BumpConfigRepo can push to.
/// </summary>
sealed partial record ConfigRepoLocation(string Url, bool IsRemote, bool IsBare)
{
    public bool NeedsClone => IsRemote || IsBare;

    public static ConfigRepoLocation Parse(string value, string root)
    {
        if (value.Contains("://", StringComparison.Ordinal) || ScpLike().IsMatch(value))
            return new ConfigRepoLocation(value, IsRemote: true, IsBare: false);
        var path = Path.GetFullPath(value, root);
        var bare = File.Exists(Path.Combine(path, "HEAD")) && Directory.Exists(Path.Combine(path, "objects"))
                   || (!Directory.Exists(path) && path.EndsWith(".git", StringComparison.Ordinal));
        return new ConfigRepoLocation(path, IsRemote: false, bare);
    }

    // git@github.com:org/config.git
    [GeneratedRegex(@"^[\w.-]+@[\w.-]+:")]
    private static partial Regex ScpLike();
}
