using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>An image reference is written in a form the editor cannot change without touching other bytes.</summary>
public sealed class UnsupportedReferenceException(string file, long line, string form)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.File(file, line), $"holds the image as {form}, which cannot be edited in place",
        $"write the reference as a plain or quoted scalar");
