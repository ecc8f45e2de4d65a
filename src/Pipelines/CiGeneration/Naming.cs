using System.Text;

namespace Pipelines.CiGeneration;

/// <summary>Spellings of target and parameter names in CI files.</summary>
internal static class Naming
{
    /// <summary><c>DockerBuild</c> to <c>docker-build</c>; kebab names stay as they are.</summary>
    public static string Kebab(string name)
    {
        var text = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '-' &&
                (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                text.Append('-');
            text.Append(c == '_' ? '-' : char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    /// <summary><c>config-repo-token</c> to <c>CONFIG_REPO_TOKEN</c>.</summary>
    public static string ScreamingSnake(string name) => Kebab(name).Replace('-', '_').ToUpperInvariant();
}
