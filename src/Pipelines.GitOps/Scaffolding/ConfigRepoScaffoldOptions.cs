namespace Pipelines.GitOps;

/// <summary>What to scaffold: the GitOps config repo template, made specific to one app.</summary>
/// <param name="TargetDirectory">Directory to write into; created when missing, may already hold a repository.</param>
/// <param name="AppName">The app's name, used for its namespace, Deployment, Service and Ingress (a DNS label, e.g. <c>shop</c>).</param>
/// <param name="ImageRepository">Repository the pipeline pushes to, without tag or digest,
/// e.g. <c>123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/shop</c>.</param>
/// <param name="Environments">Environments to create under <c>clusters/</c>, e.g. <c>dev</c> and <c>prod</c>; any other name
/// starts from the <c>dev</c> template.</param>
/// <param name="Region">The AWS region the clusters and registry live in, e.g. <c>cn-north-1</c>.</param>
public sealed record ConfigRepoScaffoldOptions(
    string TargetDirectory,
    string AppName,
    string ImageRepository,
    IReadOnlyList<string> Environments,
    string Region)
{
    /// <summary>URL of the config repo that Flux syncs from; null keeps the template's placeholder URL.</summary>
    public string? GitUrl { get; init; }

    /// <summary>Branch Flux follows; defaults to <c>main</c>.</summary>
    public string GitBranch { get; init; } = "main";

    /// <summary>Image tag the manifests start with until the first bump; never <c>latest</c>.</summary>
    public string InitialTag { get; init; } = "0.1.0";

    /// <summary>Work out what would be written and report it without touching the disk.</summary>
    public bool DryRun { get; init; }
}
