namespace Pipelines.Containers.Running;

/// <summary>A smoke test that passed: where the container answered, how soon, and what it served.</summary>
/// <param name="Image">The image that ran.</param>
/// <param name="Address">The URL it answered on: the tested path on the host port published on 127.0.0.1.</param>
/// <param name="StatusCode">The accepted status code.</param>
/// <param name="TimeToFirstAnswer">From asking the engine to start the container to its first accepted answer.</param>
/// <param name="Health">The <c>HEALTHCHECK</c> status (<c>healthy</c>) when the image declares one, else null.</param>
/// <param name="Served">The answers to <see cref="SmokeTestOptions.ShowPaths"/>, in order.</param>
public sealed record SmokeTestResult(string Image, Uri Address, int StatusCode, TimeSpan TimeToFirstAnswer, string? Health, IReadOnlyList<ServedAnswer> Served);
