using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>The config repo's server accepted the connection (or never completed it) and did not answer within the bound.</summary>
/// <param name="url">The remote (its user-info is masked here).</param>
/// <param name="operation">The git command that waited, e.g. <c>git clone</c>.</param>
/// <param name="bound">The bound that passed.</param>
/// <param name="inner">The timeout, when the process was stopped.</param>
public sealed class ConfigRepoTimeoutException(string url, string operation, TimeSpan bound, Exception? inner = null)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.ConfigRepo,
        $"'{UrlCredentials.Mask(url, SecretMasker.Mask)}' did not answer within {bound} ({operation} was stopped)",
        $"check that the server answers, or give it more time with the {GitOpsInputs.NetworkTimeout}", inner)
{
    /// <summary>The bound that passed.</summary>
    public TimeSpan Bound { get; } = bound;
}
