namespace Pipelines.GitOps;

/// <summary>
/// Rewrites image references in one YAML text. YamlDotNet's parser locates each scalar and its exact span; the new value is
/// spliced into the original text, so comments, quoting, indentation, line endings, anchors and directives stay
/// byte for byte as they were. The document is never re-serialised.
/// </summary>
public static class ManifestEditor
{
    /// <summary>Finds the fields <paramref name="update"/> targets in <paramref name="text"/> and rewrites them.</summary>
    /// <param name="file">The file's path as shown in errors and changes (relative to the repo root).</param>
    /// <param name="text">The file's text.</param>
    /// <param name="update">The image to write and how to find its fields.</param>
    /// <exception cref="ManifestParseException">The text is not valid YAML.</exception>
    /// <exception cref="ManifestLimitException">The text is past a bound of <see cref="ManifestLimits"/>.</exception>
    /// <exception cref="DigestRequiredException">A digest-pinned reference would lose its pin.</exception>
    /// <exception cref="UnsupportedReferenceException">A reference is in a form that cannot be edited in place.</exception>
    public static ManifestEdit Edit(string file, string text, ImageUpdate update)
    {
        var documents = ManifestDocuments.Load(file, text);
        var splices = new SpliceSet(file, text);
        foreach (var document in documents)
        {
            if (document is not ManifestMapping root)
                continue;
            if (update.ImagePolicy is not null)
                new PolicyMarkerRule(splices, update).Visit(root);
            else
                new ReferenceRules(splices, update.Image).Visit(root);
        }
        return splices.Apply();
    }

    /// <summary>Lists the references to <paramref name="repository"/> in <paramref name="text"/>, in file order.</summary>
    /// <exception cref="ManifestParseException">The text is not valid YAML.</exception>
    public static IReadOnlyList<ImageReference> Find(string file, string text, string repository)
    {
        var documents = ManifestDocuments.Load(file, text);
        var found = new List<ImageReference>();
        var probe = new SpliceSet(file, text) { Observer = found.Add };
        var image = ImageTarget.Create(repository, "_probe_");
        foreach (var document in documents)
        {
            if (document is ManifestMapping root)
                new ReferenceRules(probe, image).Visit(root);
        }
        return found;
    }
}
