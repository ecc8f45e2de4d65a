namespace Pipelines.Containers.Building;

/// <summary>The base image to build on, and why.</summary>
/// <param name="Reference">The reference passed as <c>BASE_IMAGE</c>.</param>
/// <param name="Source">Where it comes from.</param>
/// <param name="HasDotnetRuntime">Whether it carries the .NET runtime; when false the app must be published self-contained.</param>
/// <param name="Reason">One line: which base and why, for the log and the summary.</param>
public sealed record ResolvedBaseImage(string Reference, BaseImageSource Source, bool HasDotnetRuntime, string Reason);
