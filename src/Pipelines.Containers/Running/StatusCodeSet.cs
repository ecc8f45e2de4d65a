using System.Globalization;
using Pipelines.Tooling;

namespace Pipelines.Containers.Running;

/// <summary>The HTTP status codes a smoke test accepts: single codes and ranges, e.g. <c>200</c>, <c>200-299</c> or <c>200,204</c>.</summary>
public sealed class StatusCodeSet
{
    readonly IReadOnlyList<(int From, int To)> _ranges;

    StatusCodeSet(IReadOnlyList<(int From, int To)> ranges) => _ranges = ranges;

    /// <summary>200–399, what a Kubernetes <c>httpGet</c> probe counts as success.</summary>
    public static StatusCodeSet Default { get; } = new([(200, 399)]);

    /// <summary>The codes and ranges in <paramref name="values"/> (each may hold several, separated by commas).</summary>
    /// <exception cref="ContainerInputException">A value is not a code from 100 to 599 or a range of them.</exception>
    public static StatusCodeSet Parse(IEnumerable<string> values)
    {
        var ranges = new List<(int From, int To)>();
        foreach (var part in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var (from, to) = dash < 0 ? (Code(part), Code(part)) : (Code(part[..dash]), Code(part[(dash + 1)..]));
            if (from is null || to is null || from > to)
                throw new ContainerInputException(ContainerInputs.AcceptedStatus, $"'{part}' is not a status code or a range of them",
                    $"give codes from 100 to 599 such as 200, or a range such as 200-299");
            ranges.Add((from.Value, to.Value));
        }
        if (ranges.Count == 0)
            throw new ContainerInputException(ContainerInputs.AcceptedStatus, $"are empty", $"give at least one, e.g. 200-299");
        return new StatusCodeSet(ranges);
    }

    /// <summary>Whether <paramref name="status"/> is accepted.</summary>
    public bool Contains(int status) => _ranges.Any(r => status >= r.From && status <= r.To);

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", _ranges.Select(r => r.From == r.To ? r.From.ToString(CultureInfo.InvariantCulture) : $"{r.From}-{r.To}"));

    static int? Code(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599 ? code : null;
}
