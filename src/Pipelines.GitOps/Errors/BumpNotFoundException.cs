using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>Rollback found no bump commit for the image in the environment.</summary>
public sealed class BumpNotFoundException(string repository, string? environment)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.ImageRepository,
        $"has no bump commit for '{repository}'{(environment is null ? "" : $" in environment '{environment}'")} that is not already reverted",
        $"check the {GitOpsInputs.ImageRepository} and {GitOpsInputs.Environment}, or roll back to a {GitOpsInputs.RollbackTag}");
