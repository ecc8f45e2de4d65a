namespace Pipelines.Containers.Building;

/// <summary>Which builder makes the image.</summary>
public enum ImageBuilderKind
{
    /// <summary>The docker CLI against a daemon (BuildKit where available, else the classic builder).</summary>
    Docker,

    /// <summary>The .NET SDK's daemonless <c>dotnet publish -t:PublishContainer</c>.</summary>
    Dotnet,
}
