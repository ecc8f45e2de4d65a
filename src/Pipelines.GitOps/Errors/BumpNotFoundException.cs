namespace Pipelines.GitOps;

/// <summary>Rollback found no bump commit for the image in the environment.</summary>
public sealed class BumpNotFoundException(string repository, string? environment)
    : GitOpsException("--image-repository", $"has no bump commit for '{repository}'{(environment is null ? "" : $" in environment '{environment}'")} that is not already reverted", "check the repository and environment, or pass --to <tag>");
