using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>The config repo could not be cloned, fetched or pushed for a reason other than a race with another push.</summary>
public sealed class ConfigRepoAccessException(string url, string problem, Exception? inner = null)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.ConfigRepo, $"'{UrlCredentials.Mask(url, SecretMasker.Mask)}' {problem}",
        $"check the URL, the {GitOpsInputs.ConfigBranch} and the credentials", inner);
