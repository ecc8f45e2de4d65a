using Pipelines.Containers.Running;

namespace Pipelines.Components;

/// <summary>What SmokeTest saw the built image do before it was pushed: where it answered, how soon, and what it served.</summary>
/// <param name="Image">The image that ran (the <c>image</c> output's local reference).</param>
/// <param name="Address">The URL it answered on (the host port published on 127.0.0.1; gone with the container).</param>
/// <param name="TimeToFirstAnswer">From asking the engine to start it to its first accepted answer.</param>
/// <param name="Status">The accepted status code.</param>
/// <param name="Health">The <c>HEALTHCHECK</c> status when the image declares one (<c>healthy</c>), else null.</param>
/// <param name="Served">The answers to <c>--smoke-test-show</c>, e.g. the app's <c>/version</c>.</param>
public sealed record SmokeTestReport(string Image, string Address, TimeSpan TimeToFirstAnswer, int Status, string? Health, IReadOnlyList<ServedAnswer> Served)
{
    /// <summary>The name under which the value travels between targets and CI jobs.</summary>
    public const string OutputName = "smoke-test";
}
