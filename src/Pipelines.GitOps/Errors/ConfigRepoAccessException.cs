namespace Pipelines.GitOps;

/// <summary>The config repo could not be cloned, fetched or pushed for a reason other than a race with another push.</summary>
public sealed class ConfigRepoAccessException(string url, string problem, Exception? inner = null)
    : GitOpsException("--config-repo", $"'{url}' {problem}", "check the URL, --config-branch and the credentials", inner);
