using System.Text.RegularExpressions;

namespace Pipelines.Containers.Ecr;

/// <summary>The names ECR accepts for a repository: 2 to 256 characters, lower-case path components joined by '/'.</summary>
public static partial class EcrRepositoryNames
{
    /// <summary>Whether <paramref name="name"/> is a name ECR accepts.</summary>
    public static bool IsValid(string name) => name.Length is >= 2 and <= 256 && Pattern().IsMatch(name);

    [GeneratedRegex(@"^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
