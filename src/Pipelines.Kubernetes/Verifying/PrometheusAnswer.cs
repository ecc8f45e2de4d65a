using System.Globalization;
using System.Text.Json;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes.Verifying;

/// <summary>
/// Reads an answer of the Prometheus HTTP API to an instant query (<c>{"status":"success","data":{"resultType":"vector",
/// "result":[{"metric":{…},"value":[t,"0.02"]}]}}</c>, or a scalar) and judges its samples against the bounds. An empty vector
/// fails (a query with no data proves nothing); anything that is not that JSON fails with a short, escaped quote of it.
/// </summary>
internal static class PrometheusAnswer
{
    /// <summary>Whether the samples lie within the bounds, and a line saying what was seen.</summary>
    public static (bool Passed, string Detail) Judge(AppAnswer answer, PrometheusCheck check)
    {
        if (answer.Problem is { } problem)
            return (false, $"Prometheus {problem}");
        if (answer.ApiStatus is { } api)
            return (false, $"Prometheus's Service could not be reached: the API server answered {answer.Status} ({Quote(api)})");
        if (answer.Truncated)
            return (false, $"Prometheus answered more than {answer.Body.Length} bytes, which is no instant query's answer");
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(answer.Body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return (false, $"Prometheus answered {answer.Status} with something that is not the HTTP API's JSON: {Quote(answer.Body)}");
        }
        using (json)
        {
            var root = json.RootElement;
            var status = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (status == "error")
                return (false, $"Prometheus refused the query ({Text(root, "errorType")}: {Quote(Text(root, "error") ?? "")})");
            if (status != "success" || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
                return (false, $"Prometheus answered {answer.Status} with JSON that is not a query result: {Quote(answer.Body)}");
            var samples = Samples(data);
            if (samples is null)
                return (false, $"Prometheus answered a result of type {Quote(Text(data, "resultType") ?? "none")}, not a vector or scalar: {Quote(answer.Body)}");
            if (samples.Count == 0)
                return (false, $"{check.Query} returned no samples (append `or vector(0)` if no data means none)");
            var outside = samples.Where(v => !Within(v.Value, check)).ToList();
            var shown = string.Join(", ", samples.Take(3).Select(v => v.Labels.Length == 0 ? PrometheusCheck.Format(v.Value) : $"{v.Labels} {PrometheusCheck.Format(v.Value)}"))
                + (samples.Count > 3 ? $" (+{samples.Count - 3} more)" : "");
            return outside.Count == 0
                ? (true, $"{check.Condition}: {shown}")
                : (false, $"{check.Condition} does not hold: {string.Join(", ", outside.Take(3).Select(v => (v.Labels.Length == 0 ? "" : v.Labels + " ") + PrometheusCheck.Format(v.Value)))}");
        }
    }

    private static bool Within(double value, PrometheusCheck check) =>
        !double.IsNaN(value) && (check.Max is not { } max || value <= max) && (check.Min is not { } min || value >= min);

    private static List<(string Labels, double Value)>? Samples(JsonElement data)
    {
        if (!data.TryGetProperty("result", out var result)) return null;
        switch (Text(data, "resultType"))
        {
            case "scalar":
                return Value(result) is { } scalar ? [("", scalar)] : null;
            case "vector" when result.ValueKind == JsonValueKind.Array:
                var list = new List<(string, double)>();
                foreach (var series in result.EnumerateArray())
                {
                    if (series.ValueKind != JsonValueKind.Object || !series.TryGetProperty("value", out var v) || Value(v) is not { } value)
                        return null;
                    list.Add((Labels(series), value));
                }
                return list;
            default:
                return null;
        }
    }

    // [unixTime, "value"]: Prometheus sends the value as a string, "NaN", "+Inf" and "-Inf" included.
    private static double? Value(JsonElement pair)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[1].ValueKind != JsonValueKind.String) return null;
        var text = pair[1].GetString();
        return text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null,
        };
    }

    private static string Labels(JsonElement series)
    {
        if (!series.TryGetProperty("metric", out var metric) || metric.ValueKind != JsonValueKind.Object) return "";
        var labels = metric.EnumerateObject().Take(4).Select(p => $"{p.Name}=\"{(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : "?")}\"").ToList();
        return labels.Count == 0 ? "" : Quote("{" + string.Join(",", labels) + "}", 120);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Quote(string text, int length = 100) =>
        ControlCharacters.Escape((text.Length <= length ? text : text[..length] + "…").ReplaceLineEndings(" "));
}
