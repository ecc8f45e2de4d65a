namespace Pipelines.CiGeneration;

/// <summary>
/// The one table of the actions generated workflows use, each pinned by the commit SHA of a release (a tag can be moved to
/// other code; a SHA cannot), with that release in a comment so that a reader and Dependabot know what it is. To move to a
/// newer release, change its row: the SHA of the release's tag and the tag itself.
/// </summary>
public static class GitHubActionPins
{
    private static readonly Dictionary<string, (string Sha, string Version)> Pins = new(StringComparer.Ordinal)
    {
        ["actions/checkout"] = ("11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2"),
        ["actions/setup-dotnet"] = ("67a3573c9a986a3f9c594539f4ab511d57bb3ce9", "v4.3.1"),
        ["actions/cache"] = ("5a3ec84eff668545956fd18022155c47e93e2684", "v4.2.3"),
        ["actions/upload-artifact"] = ("ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2"),
        ["actions/download-artifact"] = ("d3f86a106a0bac45b974a628896c90dbdf5c8093", "v4.3.0"),
        ["actions/create-github-app-token"] = ("df432ceedc7162793a195dd1713ff69aefc7379e", "v2.0.6"),
        ["aws-actions/configure-aws-credentials"] = ("b47578312673ae6fa5b5096b330d9fbac3d116df", "v4.2.1"),
    };

    /// <summary>Every pinned action with its SHA and release, for tests and for readers of the generator.</summary>
    public static IReadOnlyDictionary<string, (string Sha, string Version)> All => Pins;

    /// <summary>The <c>uses:</c> value of <paramref name="action"/>: <c>owner/name@sha # vX.Y.Z</c>.</summary>
    internal static YamlScalar Uses(string action) =>
        Pins.TryGetValue(action, out var pin)
            ? new YamlScalar($"{action}@{pin.Sha}", Comment: pin.Version)
            : throw new InvalidOperationException($"{action} has no row in the pin table; add its release's commit SHA");
}
