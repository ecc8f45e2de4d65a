using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipelines.GitOps;

/// <summary>
/// One verification of an image in an environment, as recorded in the config repo: one line of JSON in the git note of the
/// config commit the environment ran (<see cref="VerificationNotes.NotesRef"/>), so that a Promote on another machine can
/// read it. A note holds one line per verification (of any environment that ran that commit), sorted and without duplicates.
/// </summary>
/// <param name="Environment">The environment verified, e.g. <c>dev</c>.</param>
/// <param name="Repository">The image repository.</param>
/// <param name="Tag">The image tag the environment's config names, if any.</param>
/// <param name="Digest">The digest the environment's config pins, if any.</param>
/// <param name="RunningDigests">The digests the environment's pods were seen running.</param>
/// <param name="ConfigCommit">The config commit the environment ran: the commit the note is attached to.</param>
/// <param name="Passed">The verdict.</param>
/// <param name="SoakStartedAt">The start of the first passing check; null when none passed.</param>
/// <param name="SoakEndedAt">The end of the last passing check; null when none passed.</param>
/// <param name="Checks">How many checks ran.</param>
/// <param name="Target">What was checked, e.g. <c>service shop/web:http /version</c>.</param>
/// <param name="Failure">Why it failed, when it did.</param>
/// <param name="BuildUrl">The CI run that verified, when known.</param>
/// <param name="RecordedAt">When the record was written.</param>
public sealed record VerificationRecord(
    string Environment,
    string Repository,
    string? Tag,
    string? Digest,
    IReadOnlyList<string> RunningDigests,
    string ConfigCommit,
    bool Passed,
    DateTimeOffset? SoakStartedAt,
    DateTimeOffset? SoakEndedAt,
    int Checks,
    string Target,
    string? Failure,
    string? BuildUrl,
    DateTimeOffset RecordedAt)
{
    /// <summary>The format of a line, written first so that a reader can tell a record from anything else in a note.</summary>
    public const string Format = "pipelines.verification/v1";

    /// <summary>The longest line read; longer ones are not records.</summary>
    public const int MaxLineLength = 16 * 1024;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 8,
    };

    /// <summary>How long the image kept passing.</summary>
    [JsonIgnore]
    public TimeSpan Soak => SoakStartedAt is { } start && SoakEndedAt is { } end && end > start ? end - start : TimeSpan.Zero;

    /// <summary>When it ended: the end of the soak, or when it was recorded.</summary>
    [JsonIgnore]
    public DateTimeOffset EndedAt => SoakEndedAt ?? RecordedAt;

    /// <summary>The image as <c>repository[:tag][@digest]</c>.</summary>
    [JsonIgnore]
    public ImageReference Image => new(Repository, Tag, Digest);

    /// <summary>The record as one line of JSON, its format first.</summary>
    public string ToLine()
    {
        var line = JsonSerializer.Serialize(new Line(Format, this), Json);
        return line.Length <= MaxLineLength ? line : throw new InvalidOperationException($"a verification record of {line.Length} characters is longer than {MaxLineLength}");
    }

    /// <summary>Reads a line written by <see cref="ToLine"/>; null (with why) for anything else: garbled text, another format, missing fields.</summary>
    public static VerificationRecord? TryParse(string line, out string? why)
    {
        why = null;
        if (line.Length > MaxLineLength)
        {
            why = $"a line of {line.Length} characters";
            return null;
        }
        try
        {
            var parsed = JsonSerializer.Deserialize<Line>(line, Json);
            var record = parsed?.Record;
            if (parsed?.Format != Format || record is null)
                why = "not a verification record";
            else if (string.IsNullOrEmpty(record.Environment) || string.IsNullOrEmpty(record.Repository) || !IsSha(record.ConfigCommit)
                     || record.Target is null || (record.Tag is null && record.Digest is null))
                why = "a record with missing or malformed fields";
            return why is null ? record! with { RunningDigests = record.RunningDigests ?? [] } : null;
        }
        catch (JsonException e)
        {
            why = "not JSON (" + e.Message.Split('.')[0] + ")";
            return null;
        }
    }

    internal static bool IsSha(string? text) => text is { Length: 40 } && text.All(char.IsAsciiHexDigitLower);

    /// <summary>A short line for a summary: <c>passed, soaked 5m0s, at 1a2b3c4</c>.</summary>
    public string Describe() =>
        $"{(Passed ? "passed" : "failed")} in {Environment}, soaked {Duration(Soak)}, ended {EndedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)} at config commit {ConfigCommit[..7]}";

    /// <summary>A soak for people: <c>42.0s</c>, <c>6:00</c>, <c>1:30:00</c>.</summary>
    internal static string Duration(TimeSpan span) =>
        span.TotalSeconds < 120 ? span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
            : span.ToString(span.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);

    sealed record Line(
        [property: JsonPropertyOrder(-1)] string Format,
        VerificationRecord Record);
}
