namespace Pipelines.Containers.Building;

/// <summary>When a base built from the Debian archive stands in for the Dockerfile's base image.</summary>
public enum OfflineBasePolicy
{
    /// <summary>When the base image's registry (or mirror) does not answer in time and the base is a .NET runtime image.</summary>
    Auto,

    /// <summary>Never: an unreachable base image fails the build.</summary>
    Never,

    /// <summary>Always for a .NET runtime base, without asking its registry (air-gapped machines).</summary>
    Always,
}
