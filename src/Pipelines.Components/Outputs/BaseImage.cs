using System.Text.Json.Serialization;
using Pipelines.Containers.Building;

namespace Pipelines.Components;

/// <summary>The base image ResolveBaseImage chose, which Publish (self-contained or not) and DockerBuild (<c>BASE_IMAGE</c>) follow.</summary>
/// <param name="Reference">The base image reference.</param>
/// <param name="Source">Where it comes from.</param>
/// <param name="HasDotnetRuntime">Whether it carries the .NET runtime; when false the app is published self-contained.</param>
/// <param name="Reason">Which base and why, in one line.</param>
public sealed record BaseImage(string Reference, [property: JsonConverter(typeof(JsonStringEnumConverter<BaseImageSource>))] BaseImageSource Source,
    bool HasDotnetRuntime, string Reason)
{
    /// <summary>The name under which the value travels between targets and CI jobs.</summary>
    public const string OutputName = "base-image";
}
