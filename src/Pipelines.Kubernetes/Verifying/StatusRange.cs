using System.Globalization;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes.Verifying;

/// <summary>The status codes a check accepts: single codes and ranges, e.g. <c>200</c>, <c>200-299</c> or <c>200-299,304</c>.</summary>
public sealed class StatusRange
{
    private readonly IReadOnlyList<(int From, int To)> _ranges;

    private StatusRange(IReadOnlyList<(int From, int To)> ranges, string text) => (_ranges, Text) = (ranges, text);

    /// <summary>200–399, as a Kubernetes httpGet probe.</summary>
    public static StatusRange Default { get; } = new([(200, 399)], "200-399");

    /// <summary>The codes as given.</summary>
    public string Text { get; }

    /// <summary>Whether <paramref name="status"/> is accepted.</summary>
    public bool Accepts(int status) => _ranges.Any(r => status >= r.From && status <= r.To);

    /// <summary>Parses codes and ranges separated by commas, or refuses them naming <paramref name="input"/>.</summary>
    /// <exception cref="KubernetesInputException">A part is not a code from 100 to 599 or an ascending range of them.</exception>
    public static StatusRange Parse(string text, Input input)
    {
        var ranges = new List<(int, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length is < 1 or > 2 || !bounds.All(b => int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var c) && c is >= 100 and <= 599))
                throw new KubernetesInputException(input, $"'{ControlCharacters.Escape(text)}' is not a list of status codes or ranges",
                    $"give e.g. 200, 200-299 or 200-299,304");
            var from = int.Parse(bounds[0], CultureInfo.InvariantCulture);
            var to = int.Parse(bounds[^1], CultureInfo.InvariantCulture);
            if (to < from)
                throw new KubernetesInputException(input, $"'{ControlCharacters.Escape(text)}' has the range {part}, which ends before it starts", $"give e.g. 200-299");
            ranges.Add((from, to));
        }
        return new StatusRange(ranges, text);
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
