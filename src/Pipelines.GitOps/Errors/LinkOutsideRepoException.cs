using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>A file the change must read is a link that leads outside the config repo; it is not followed.</summary>
/// <param name="file">The file, relative to the config repo root.</param>
public sealed class LinkOutsideRepoException(string file)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.File(file), $"is a link that leads outside the config repo, and links out of the repo are never followed",
        $"replace the link with the file itself, or point it at a file inside the config repo");
