namespace Pipelines.GitOps;

/// <summary>A manifest that mentions the image is not valid YAML; the bump stops so nothing half-edited is committed.</summary>
public sealed class ManifestParseException(string file, long line, string reason, Exception? inner = null)
    : GitOpsException($"{file}:{line}", $"is not valid YAML ({reason})", "fix the file in the config repo, then bump again", inner);
