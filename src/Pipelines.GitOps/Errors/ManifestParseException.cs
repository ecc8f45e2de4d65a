using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>A manifest that mentions the image cannot be read as YAML; the change stops so nothing half-edited is committed.</summary>
public sealed class ManifestParseException(string file, long line, string reason, Exception? inner = null)
    : GitOpsException(FailureKind.Failure, GitOpsInputs.File(file, line), $"is not valid YAML ({reason})", $"fix the file in the config repo, then run again", inner);
