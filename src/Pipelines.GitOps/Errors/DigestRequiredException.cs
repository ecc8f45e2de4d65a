namespace Pipelines.GitOps;

/// <summary>A reference in the config repo is pinned by digest but no digest was given, so it cannot be updated without dropping the pin.</summary>
public sealed class DigestRequiredException(string file, long line, string reference)
    : GitOpsException($"{file}:{line}", $"pins '{reference}' by digest but no --image-digest was given", "pass --image-digest sha256:… of the pushed image");
