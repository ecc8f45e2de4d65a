using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipelines.Kubernetes;

/// <summary>
/// A canary pause step's <c>duration</c> as Argo Rollouts reads it (<c>RolloutPause.DurationSeconds</c>): an integer of seconds, a
/// string of digits (seconds), or a Go duration such as <c>1m30s</c> or <c>1.5h</c>; anything else is unreadable.
/// </summary>
internal static partial class PauseDuration
{
    /// <summary>The duration, or null when the step has none (an indefinite pause) or it cannot be read.</summary>
    public static TimeSpan? Of(JsonElement? duration, out bool unreadable)
    {
        unreadable = false;
        switch (duration)
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var seconds):
                return TimeSpan.FromSeconds(seconds);
            case { ValueKind: JsonValueKind.String } s:
                var text = s.GetString() ?? "";
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain)) return TimeSpan.FromSeconds(plain);
                if (TryParseGo(text, out var parsed)) return parsed;
                break;
        }
        unreadable = true;
        return null;
    }

    // time.ParseDuration: a sequence of decimal numbers, each with a unit (ns, us, µs, ms, s, m, h).
    private static bool TryParseGo(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (!GoDuration().IsMatch(text)) return false;
        double total = 0;
        foreach (Match part in GoPart().Matches(text))
        {
            var number = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += number * part.Groups[2].Value switch
            {
                "h" => 3600.0, "m" => 60.0, "s" => 1.0, "ms" => 1e-3, "us" or "µs" or "μs" => 1e-6, _ => 1e-9,
            };
        }
        if (total > TimeSpan.MaxValue.TotalSeconds) return false;
        value = TimeSpan.FromSeconds(text.StartsWith('-') ? -total : total);
        return true;
    }

    [GeneratedRegex(@"^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$")]
    private static partial Regex GoDuration();

    [GeneratedRegex(@"(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)")]
    private static partial Regex GoPart();
}
