namespace Pipelines.Containers.Building;

/// <summary>Where the base image an app image is built on comes from.</summary>
public enum BaseImageSource
{
    /// <summary>Given explicitly; used as it is.</summary>
    Given,

    /// <summary>The engine already holds the Dockerfile's base image.</summary>
    Local,

    /// <summary>The Dockerfile's base image, from its registry, which answered.</summary>
    Registry,

    /// <summary>The Dockerfile's base image, from a registry mirror.</summary>
    Mirror,

    /// <summary>A base built from the Debian (or Ubuntu) archive this machine's apt uses, for a self-contained app.</summary>
    OfflineDebian,
}
