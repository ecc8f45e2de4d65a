using System.Collections.Concurrent;
using System.Text;

namespace Pipelines.GitOps;

/// <summary>
/// Applies an <see cref="ImageUpdate"/> to every manifest under a folder. Files that do not mention the image are
/// never parsed. All edits are computed before any file is written, so a failure leaves the tree untouched.
/// </summary>
public static class ConfigTreeEditor
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Rewrites the references under <paramref name="root"/>/<paramref name="path"/> and returns the edited files.</summary>
    /// <param name="root">The tree root (a config repo checkout); changes name files relative to it.</param>
    /// <param name="path">Sub-folder to edit, relative to <paramref name="root"/>; null or empty for the whole tree.</param>
    /// <param name="update">What to write.</param>
    /// <param name="write">False to compute the edits without writing them.</param>
    public static IReadOnlyList<FileEdit> Edit(string root, string? path, ImageUpdate update, bool write = true)
    {
        var edits = new ConcurrentBag<(string File, byte[] Bytes, ManifestEdit Edit)>();
        var failures = new ConcurrentBag<(string File, GitOpsException Error)>();
        Parallel.ForEach(ManifestFiles(root, path), file =>
        {
            var relative = Relative(root, file);
            try
            {
                var (bom, text) = Read(relative, file, update);
                if (text is null)
                    return;
                var edit = ManifestEditor.Edit(relative, text, update);
                if (edit.Changed)
                    edits.Add((relative, [.. bom, .. StrictUtf8.GetBytes(edit.Text)], edit));
            }
            catch (GitOpsException ex)
            {
                failures.Add((relative, ex));
            }
        });
        if (!failures.IsEmpty)
            throw failures.OrderBy(f => f.File, StringComparer.Ordinal).First().Error;
        var ordered = edits.OrderBy(e => e.File, StringComparer.Ordinal).ToList();
        if (write)
        {
            foreach (var (file, bytes, _) in ordered)
                File.WriteAllBytes(Path.Combine(root, file), bytes);
        }
        return ordered.Select(e => new FileEdit(e.File, e.Edit.Changes)).ToList();
    }

    /// <summary>Lists the distinct references to <paramref name="repository"/> under the folder, in file order.</summary>
    public static IReadOnlyList<ImageReference> Find(string root, string? path, string repository)
    {
        var probe = new ImageUpdate(ImageTarget.Create(repository, "_probe_"));
        var found = new List<ImageReference>();
        foreach (var file in ManifestFiles(root, path).Order(StringComparer.Ordinal))
        {
            var relative = Relative(root, file);
            var (_, text) = Read(relative, file, probe);
            if (text is not null)
                found.AddRange(ManifestEditor.Find(relative, text, repository));
        }
        return found.Distinct().ToList();
    }

    /// <summary>YAML files and kustomize's extension-less <c>Kustomization</c>, outside <c>.git</c>.</summary>
    static IEnumerable<string> ManifestFiles(string root, string? path)
    {
        var folder = string.IsNullOrEmpty(path) ? root : Path.Combine(root, path);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        return Directory.EnumerateFiles(folder, "*", options).Where(f =>
        {
            var name = Path.GetFileName(f.AsSpan());
            return name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) ||
                   name.SequenceEqual("Kustomization") || name.SequenceEqual("kustomization");
        });
    }

    static (byte[] Bom, string? Text) Read(string relative, string file, ImageUpdate update)
    {
        var bytes = File.ReadAllBytes(file);
        if (!update.IsMentionedIn(bytes))
            return ([], null);
        var bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return (bytes[..bom], StrictUtf8.GetString(bytes, bom, bytes.Length - bom));
        }
        catch (DecoderFallbackException)
        {
            throw new ManifestParseException(relative, 1, "not UTF-8 text");
        }
    }

    static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');
}
