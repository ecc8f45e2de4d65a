namespace Pipelines.GitOps;

/// <summary>The folder to edit does not exist in the config repo.</summary>
public sealed class ConfigPathNotFoundException(string path, string branch)
    : GitOpsException("--config-path", $"'{path}' does not exist on branch '{branch}' of the config repo", "pass an existing folder (relative to the repo root)");
