namespace Pipelines.GitOps;

/// <summary>One scalar the editor rewrote.</summary>
/// <param name="File">Path of the file, relative to the config repo root, with '/' separators.</param>
/// <param name="Line">1-based line of the scalar.</param>
/// <param name="Before">The scalar's value before the edit.</param>
/// <param name="After">The scalar's value after the edit.</param>
public sealed record ImageChange(string File, long Line, string Before, string After);
