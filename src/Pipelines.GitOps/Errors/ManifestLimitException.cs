using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>
/// A file of the config repo is beyond a bound of <see cref="ManifestLimits"/>: too large, nested too deep, or expanding to
/// too many nodes through its aliases. The change stops before the file is loaded any further.
/// </summary>
/// <param name="file">The file, relative to the config repo root.</param>
/// <param name="line">The line where the bound was passed, or null for the whole file.</param>
/// <param name="problem">Which bound, in words.</param>
public sealed class ManifestLimitException(string file, long? line, string problem)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.File(file, line), $"{problem}",
        $"fix the file in the config repo (a manifest that size or shape is not one Kubernetes would accept), then run again");
