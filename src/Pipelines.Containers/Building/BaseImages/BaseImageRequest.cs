namespace Pipelines.Containers.Building;

/// <summary>Which base image an app image should be built on.</summary>
/// <param name="Wanted">The Dockerfile's base (its <c>ARG BASE_IMAGE</c> default), e.g. <c>mcr.microsoft.com/dotnet/aspnet:10.0</c>.</param>
public sealed record BaseImageRequest(string Wanted)
{
    /// <summary>A base given explicitly; used as it is, never probed or replaced.</summary>
    public string? Given { get; init; }

    /// <summary>A registry mirror (<c>host[:port][/prefix]</c>) serving the base: <c>mcr.microsoft.com/dotnet/aspnet:10.0</c> is pulled
    /// as <c>&lt;mirror&gt;/dotnet/aspnet:10.0</c> (a Harbor proxy-cache project, an ECR pull-through cache).</summary>
    public string? Mirror { get; init; }

    /// <summary>When the offline Debian base stands in.</summary>
    public OfflineBasePolicy OfflineBase { get; init; } = OfflineBasePolicy.Auto;

    /// <summary>How long the base's registry (or mirror) may take to answer before it counts as unreachable.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>The apt sources file or folder naming the archive the offline base is built from; the machine's when null.</summary>
    public string? AptSources { get; init; }
}
