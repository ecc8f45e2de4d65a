using System.Text;

namespace Pipelines.Parameters;

/// <summary>How a member name becomes a command-line name and an environment variable.</summary>
internal static class ParameterNames
{
    public const string EnvironmentPrefix = "PIPELINES_";

    /// <summary><c>ImageTag</c> becomes <c>image-tag</c>; <c>AWSRegion</c> becomes <c>aws-region</c>.</summary>
    public static string Kebab(string memberName)
    {
        var text = new StringBuilder(memberName.Length + 4);
        for (var i = 0; i < memberName.Length; i++)
        {
            var c = memberName[i];
            if (c == '_' || c == '-')
            {
                if (text.Length > 0 && text[^1] != '-')
                    text.Append('-');
                continue;
            }
            if (char.IsUpper(c) && i > 0 && text.Length > 0 && text[^1] != '-')
            {
                var previous = memberName[i - 1];
                var nextIsLower = i + 1 < memberName.Length && char.IsLower(memberName[i + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                    text.Append('-');
            }
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    /// <summary><c>image-tag</c> becomes <c>PIPELINES_IMAGE_TAG</c>.</summary>
    public static string EnvironmentVariable(string kebabName) =>
        EnvironmentPrefix + kebabName.Replace('-', '_').ToUpperInvariant();

    /// <summary>The form names are compared in: lower case without dashes or underscores.</summary>
    public static string Normalize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c != '-' && c != '_')
                text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
