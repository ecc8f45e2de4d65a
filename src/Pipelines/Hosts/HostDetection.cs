namespace Pipelines.Hosts;

/// <summary>Recognises the CI host from its environment variables.</summary>
internal static class HostDetection
{
    public static CiHost Detect(IReadOnlyDictionary<string, string?> environment)
    {
        if (string.Equals(environment.GetValueOrDefault("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
            return CiHost.GitHubActions;
        if (!string.IsNullOrEmpty(environment.GetValueOrDefault("JENKINS_URL"))
            || (!string.IsNullOrEmpty(environment.GetValueOrDefault("BUILD_NUMBER")) && !string.IsNullOrEmpty(environment.GetValueOrDefault("JENKINS_HOME"))))
            return CiHost.Jenkins;
        return CiHost.Terminal;
    }
}
