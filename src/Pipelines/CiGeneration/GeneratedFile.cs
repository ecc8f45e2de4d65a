namespace Pipelines.CiGeneration;

/// <summary>A CI file generated from the build class.</summary>
/// <param name="RelativePath">Path relative to the repository root, with forward slashes.</param>
/// <param name="Content">The exact bytes to write, as text (LF line endings, no timestamps).</param>
public sealed record GeneratedFile(string RelativePath, string Content);
