using System.Text;
using System.Text.RegularExpressions;

namespace Pipelines.GitOps;

/// <summary>Builds config-repo commit messages: a readable subject and trailers that Rollback reads back.</summary>
public static partial class CommitMessage
{
    /// <summary>The default subject: <c>deploy(gitops-app-demo): 1a2b3c4 → 5d6e7f8 [prod]</c>.</summary>
    public const string DefaultTemplate = "deploy({name}): {from} → {to} [{environment}]";

    /// <summary>Trailer naming the image repository.</summary>
    public const string RepositoryTrailer = "Image-Repository";

    /// <summary>Trailer naming the tag written; its presence marks a commit that Rollback may revert.</summary>
    public const string TagTrailer = "Image-Tag";

    /// <summary>Trailer naming the digest written.</summary>
    public const string DigestTrailer = "Image-Digest";

    /// <summary>Trailer naming the environment.</summary>
    public const string EnvironmentTrailer = "Environment";

    /// <summary>Trailer naming the app commit the image was built from.</summary>
    public const string SourceCommitTrailer = "Source-Commit";

    /// <summary>Trailer with the app commit's committer time (UTC, ISO 8601), which orders bumps of one branch.</summary>
    public const string SourceCommitTimeTrailer = "Source-Commit-Time";

    /// <summary>Trailer naming the app branch the image was built from.</summary>
    public const string SourceBranchTrailer = "Source-Branch";

    /// <summary>Trailer linking the build.</summary>
    public const string BuildUrlTrailer = "Build-Url";

    /// <summary>Trailer on a rollback naming the reverted commit.</summary>
    public const string RevertsTrailer = "Reverts";

    /// <summary>Formats the subject from <paramref name="template"/>.</summary>
    public static string Subject(string template, ImageReference image, string? from, string? environment)
    {
        var subject = template
            .Replace("{name}", image.Name).Replace("{repository}", image.Repository)
            .Replace("{from}", Short(from ?? "none")).Replace("{to}", Short(image.Tag ?? image.Digest ?? ""))
            .Replace("{tag}", image.Tag ?? "").Replace("{digest}", image.Digest ?? "")
            .Replace("{environment}", environment ?? "");
        return subject.Replace(" []", "").Replace("[]", "").Trim();
    }

    /// <summary>The subject, a blank line, optional body and the trailers whose values are not empty.</summary>
    public static string Compose(string subject, string? body, params (string Key, string? Value)[] trailers)
    {
        var text = new StringBuilder(subject).Append("\n\n");
        if (!string.IsNullOrEmpty(body))
            text.Append(body).Append("\n\n");
        foreach (var (key, value) in trailers)
        {
            if (!string.IsNullOrWhiteSpace(value))
                text.Append(key).Append(": ").Append(value.ReplaceLineEndings(" ")).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A 40-character commit SHA shortened to 7; anything else unchanged.</summary>
    public static string Short(string value) => FullSha().IsMatch(value) ? value[..7] : value;

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex FullSha();
}
