using System.Text.Json;

namespace Pipelines.Containers.Running;

/// <summary>A container's state as <c>docker inspect</c> reports it.</summary>
/// <param name="Running">Whether it still runs.</param>
/// <param name="ExitCode">Its exit code once it stopped.</param>
/// <param name="OomKilled">Whether the kernel killed it for running out of memory.</param>
/// <param name="Health">The <c>HEALTHCHECK</c> status (<c>starting</c>, <c>healthy</c>, <c>unhealthy</c>), or null without one.</param>
/// <param name="LastHealthOutput">What the newest health check printed, trimmed; empty when none ran yet.</param>
internal sealed record ContainerState(bool Running, int ExitCode, bool OomKilled, string? Health, string LastHealthOutput)
{
    /// <summary>Reads the JSON of <c>{{json .State}}</c>.</summary>
    public static ContainerState Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var state = document.RootElement;
        string? health = null;
        var lastOutput = "";
        if (state.TryGetProperty("Health", out var h) && h.ValueKind == JsonValueKind.Object)
        {
            health = h.GetProperty("Status").GetString();
            if (h.TryGetProperty("Log", out var log) && log.ValueKind == JsonValueKind.Array && log.GetArrayLength() > 0)
                lastOutput = (log[log.GetArrayLength() - 1].GetProperty("Output").GetString() ?? "").Trim();
        }
        return new ContainerState(state.GetProperty("Running").GetBoolean(), state.GetProperty("ExitCode").GetInt32(),
            state.GetProperty("OOMKilled").GetBoolean(), health, lastOutput);
    }
}
