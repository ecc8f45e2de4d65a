namespace Pipelines.GitOps;

/// <summary>The outcome of editing one manifest's text.</summary>
/// <param name="Text">The new text; the same instance as the input when nothing changed.</param>
/// <param name="Changes">The scalars that changed, in file order.</param>
public sealed record ManifestEdit(string Text, IReadOnlyList<ImageChange> Changes)
{
    /// <summary>Whether any scalar changed.</summary>
    public bool Changed => Changes.Count > 0;
}
