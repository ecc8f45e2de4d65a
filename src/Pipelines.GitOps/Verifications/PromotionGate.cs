using System.Globalization;

namespace Pipelines.GitOps;

/// <summary>
/// Decides whether the image the source environment runs may be promoted: a recorded verification in that environment, of
/// that image (its digest when the config pins one, else its tag), at a config commit on the branch whose source
/// environment's files name the image, must have passed for at least the required soak, and the newest verification of it
/// must not have failed.
/// </summary>
internal sealed class PromotionGate(GitCli git)
{
    public async Task<PromotionEvidence> CheckAsync(string root, DeploymentEnvironment from, ImageReference image, TimeSpan required, bool force, CancellationToken ct)
    {
        var found = await new RecordedVerifications(git).ReadAsync(root, ct).ConfigureAwait(false);
        var ofImage = new List<VerificationRecord>();
        foreach (var record in found.Records.Where(r => r.Environment == from.Name && r.Repository == image.Repository && Matches(r, image)))
        {
            // The record must be about what the environment's files named at that commit, not only what it claims.
            if (await NamesImageAsync(root, record.ConfigCommit, from.ConfigPath, image, ct).ConfigureAwait(false))
                ofImage.Add(record);
        }
        var ignored = found.Ignored + found.Records.Count(r => r.Environment == from.Name && r.Repository == image.Repository && Matches(r, image)) - ofImage.Count;
        var newest = ofImage.MaxBy(r => r.EndedAt);
        var qualifying = ofImage.Where(r => r.Passed && r.Soak >= required).MaxBy(r => r.EndedAt);
        string? shortfall = null;
        if (newest is { Passed: false })
            shortfall = $"its newest verification there failed at {Time(newest.EndedAt)}: {newest.Failure ?? "no reason recorded"}";
        else if (qualifying is null)
            shortfall = ofImage.Where(r => r.Passed).MaxBy(r => r.Soak) is { } longest
                ? $"its longest passing soak was {Seconds(longest.Soak)}, at config commit {longest.ConfigCommit[..7]}"
                : "no verification of it was recorded" + (ignored > 0 ? $"; {ignored} note line(s) were not usable records" : "");
        if (shortfall is null)
            return new PromotionEvidence(required, qualifying, Forced: false, null, ignored);
        if (!force)
            throw new UnverifiedPromotionException(from.Name, image.ToString(), required, shortfall);
        return new PromotionEvidence(required, null, Forced: true, shortfall, ignored);
    }

    private static bool Matches(VerificationRecord record, ImageReference image) =>
        image.Digest is { } digest
            ? record.Digest == digest || record.RunningDigests.Contains(digest)
            : record.Tag == image.Tag && record.Tag is not null;

    private async Task<bool> NamesImageAsync(string root, string commit, string path, ImageReference image, CancellationToken ct)
    {
        var needle = image.Digest ?? image.Tag!;
        var grep = await git.RunAsync(root, ["grep", "--quiet", "--fixed-strings", "--word-regexp", "-e", needle, commit, "--", path.Length == 0 ? "." : path],
            throwOnError: false, ct: ct).ConfigureAwait(false);
        return grep.ExitCode == 0;
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => VerificationRecord.Duration(span);
}
