namespace Pipelines.Containers.Running;

/// <summary>What a smoke-tested container answered to a path it was asked to show.</summary>
/// <param name="Path">The path requested.</param>
/// <param name="StatusCode">The status code, or 0 when it gave no answer.</param>
/// <param name="Body">The start of the body as text, secrets masked and control characters escaped.</param>
public sealed record ServedAnswer(string Path, int StatusCode, string Body);
