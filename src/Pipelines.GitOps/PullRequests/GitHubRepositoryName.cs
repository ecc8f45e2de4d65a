using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Pipelines.GitOps;

/// <summary>A repository's owner and name on GitHub, read from <c>owner/name</c> or from a clone URL of any form.</summary>
/// <param name="Owner">The user or organisation.</param>
/// <param name="Name">The repository name, without <c>.git</c>.</param>
public sealed partial record GitHubRepositoryName(string Owner, string Name)
{
    /// <summary>Reads <c>owner/name</c>, <c>https://host/owner/name(.git)</c> or <c>git@host:owner/name.git</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out GitHubRepositoryName? name)
    {
        var match = OwnerAndName().Match(text ?? "");
        name = match.Success ? new GitHubRepositoryName(match.Groups[1].Value, match.Groups[2].Value) : null;
        return name is not null;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Owner}/{Name}";

    [GeneratedRegex(@"(?:^|[:/])([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$")]
    private static partial Regex OwnerAndName();
}
