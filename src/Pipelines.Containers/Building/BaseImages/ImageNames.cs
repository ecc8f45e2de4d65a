namespace Pipelines.Containers.Building;

/// <summary>Reading image references the way the docker CLI does: which registry, which path, and what a .NET base carries.</summary>
public static class ImageNames
{
    /// <summary>The registry of references without a host (<c>node:20</c>, <c>library/node</c>).</summary>
    public const string DockerHub = "docker.io";

    /// <summary>The registry host of <paramref name="reference"/>: its first segment when that has a '.', a ':' or is <c>localhost</c>, else Docker Hub.</summary>
    public static string RegistryOf(string reference)
    {
        var slash = reference.IndexOf('/');
        if (slash < 0)
            return DockerHub;
        var first = reference[..slash];
        return first.Contains('.') || first.Contains(':') || first == "localhost" ? first : DockerHub;
    }

    /// <summary>The reference without its registry host; Docker Hub's official images get their implied <c>library/</c>.</summary>
    public static string PathOf(string reference)
    {
        var slash = reference.IndexOf('/');
        var first = slash < 0 ? "" : reference[..slash];
        var hasHost = first.Contains('.') || first.Contains(':') || first == "localhost";
        var path = hasHost ? reference[(slash + 1)..] : reference;
        return path.Contains('/') || (hasHost && first != DockerHub) ? path : "library/" + path;
    }

    /// <summary><paramref name="reference"/> as served by <paramref name="mirror"/> (<c>host[:port][/prefix]</c>).</summary>
    public static string Mirrored(string reference, string mirror) => mirror.TrimEnd('/') + "/" + PathOf(reference);

    /// <summary>Whether <paramref name="reference"/> is one of Microsoft's .NET Linux bases (<c>dotnet/runtime-deps</c>, <c>dotnet/runtime</c>,
    /// <c>dotnet/aspnet</c>), from its registry or a mirror: the bases the offline base can stand in for.</summary>
    public static bool IsDotnetRuntimeImage(string reference)
    {
        var path = Repository(PathOf(reference));
        return path.EndsWith("dotnet/runtime-deps", StringComparison.Ordinal) || path.EndsWith("dotnet/runtime", StringComparison.Ordinal)
            || path.EndsWith("dotnet/aspnet", StringComparison.Ordinal);
    }

    /// <summary>Whether a base carries the .NET runtime, so a framework-dependent app runs on it: not runtime-deps and not the
    /// offline base; any other base is taken to be the Dockerfile author's choice for a framework-dependent app.</summary>
    public static bool CarriesDotnetRuntime(string reference)
    {
        var path = Repository(PathOf(reference));
        return !path.EndsWith("dotnet/runtime-deps", StringComparison.Ordinal) && !path.EndsWith(OfflineBaseImage.Repository, StringComparison.Ordinal);
    }

    static string Repository(string path)
    {
        var at = path.IndexOf('@');
        if (at >= 0)
            path = path[..at];
        var colon = path.LastIndexOf(':');
        return colon > path.LastIndexOf('/') ? path[..colon] : path;
    }
}
