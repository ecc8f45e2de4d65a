using System.Text.RegularExpressions;

namespace Pipelines.GitOps;

/// <summary>
/// Flux image-automation setter markers: a field followed by <c># {"$imagepolicy": "ns:name[:tag|:name|:digest]"}</c>
/// is set to the whole reference, its name, tag or digest, whatever the document's kind.
/// </summary>
sealed partial class PolicyMarkerRule(SpliceSet splices, ImageUpdate update)
{
    public void Visit(ManifestNode node)
    {
        switch (node)
        {
            case ManifestMapping mapping:
                foreach (var value in mapping.Values)
                    VisitValue(value);
                break;
            case ManifestSequence sequence:
                foreach (var item in sequence.Items)
                    VisitValue(item);
                break;
        }
    }

    void VisitValue(ManifestNode value)
    {
        if (value is not ManifestScalar scalar)
        {
            Visit(value);
            return;
        }
        if (splices.TrailingComment(scalar) is not { } comment || Marker().Match(comment) is not { Success: true } marker)
            return;
        var policy = update.ImagePolicy!;
        var image = update.Image;
        var named = marker.Groups[1].Value;
        string? wanted = named == policy ? image.ToString()
            : named == policy + ":name" ? image.Repository
            : named == policy + ":tag" ? image.Tag
            : named == policy + ":digest" ? splices.RequireDigest(scalar, scalar.Value, image)
            : null;
        if (wanted is not null)
            splices.Replace(scalar, wanted);
    }

    [GeneratedRegex(@"^#\s*\{\s*""\$imagepolicy""\s*:\s*""([^""]+)""\s*\}")]
    private static partial Regex Marker();
}
