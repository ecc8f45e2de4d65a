using System.Text.RegularExpressions;

namespace Pipelines.GitOps;

/// <summary>
/// The sample values the template is written with, and their replacement for one app and environment. The samples are
/// real values (the template renders as it is), so they are replaced in a single pass: text already substituted is never
/// matched again, and a user's image repository that happens to contain the sample app name stays intact.
/// </summary>
internal sealed class ConfigRepoPlaceholders
{
    public const string SampleApp = "gitops-app-demo";
    public const string SampleImageRepository = "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/gitops-app-demo";
    public const string SampleRegion = "cn-north-1";
    public const string SampleTag = "0.1.0";
    public const string SampleGitUrl = "https://github.com/example-org/gitops-config.git";
    public const string SampleBranch = "main";

    // Longest alternatives first: at the start of the sample repository only the repository may match.
    private static readonly Regex Pattern = new(
        $"""
        (?<image>{Regex.Escape(SampleImageRepository)})(?<tag>:{Regex.Escape(SampleTag)})?
        |(?<=\b(?:newTag|tag):\ )(?<quotedTag>"{Regex.Escape(SampleTag)}")
        |(?<url>{Regex.Escape(SampleGitUrl)})
        |(?<=^\s*)(?<branch>branch:\ {Regex.Escape(SampleBranch)})$
        |(?<clusters>clusters/(?<env>[a-z0-9-]+))
        |(?<app>{Regex.Escape(SampleApp)})
        |(?<region>{Regex.Escape(SampleRegion)})
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private readonly ConfigRepoScaffoldOptions options;
    private readonly string? templateEnvironment;
    private readonly string? environment;

    /// <param name="options">The values to substitute.</param>
    /// <param name="templateEnvironment">For files under <c>clusters/&lt;env&gt;</c>: the template environment read.</param>
    /// <param name="environment">For files under <c>clusters/&lt;env&gt;</c>: the environment written.</param>
    public ConfigRepoPlaceholders(ConfigRepoScaffoldOptions options, string? templateEnvironment = null, string? environment = null)
    {
        this.options = options;
        this.templateEnvironment = templateEnvironment;
        this.environment = environment;
    }

    public string Apply(string text) => Pattern.Replace(text, Replace);

    private string Replace(Match match)
    {
        if (match.Groups["image"].Success)
        {
            return options.ImageRepository + (match.Groups["tag"].Success ? ":" + options.InitialTag : "");
        }

        if (match.Groups["quotedTag"].Success)
        {
            return $"\"{options.InitialTag}\"";
        }

        if (match.Groups["url"].Success)
        {
            return options.GitUrl ?? SampleGitUrl;
        }

        if (match.Groups["branch"].Success)
        {
            return "branch: " + options.GitBranch;
        }

        if (match.Groups["clusters"].Success)
        {
            // Only a file's own environment is renamed; a README's mention of clusters/dev stays.
            return match.Groups["env"].Value == templateEnvironment && environment is not null
                ? "clusters/" + environment
                : match.Value;
        }

        return match.Groups["app"].Success ? options.AppName : options.Region;
    }
}
