using System.Text.RegularExpressions;
using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>
/// A config repo's URL as git will use it, checked before any git call: only the transports git is pinned to
/// (<see cref="GitEnvironment.AllowedProtocols"/>) are accepted, so <c>ext::</c>, <c>fd::</c> and remote helpers
/// (<c>name::address</c>) are refused as bad input instead of reaching git.
/// </summary>
public static partial class GitRemoteUrl
{
    /// <summary>The transport of <paramref name="url"/>, or a bad-input failure naming <paramref name="input"/> when git must not use it.</summary>
    /// <param name="url">A git URL or a local path.</param>
    /// <param name="input">The input the URL was given as.</param>
    public static GitTransport Check(string url, Input input)
    {
        if (string.IsNullOrWhiteSpace(url) || url.StartsWith('-'))
            throw new InvalidInputException(input, $"'{UrlCredentials.Mask(url, SecretMasker.Mask)}' is not a git URL or path", $"give an https, ssh or git:// URL, or a local path");
        if (Transport(url) is { } transport)
            return transport;
        var shown = UrlCredentials.Mask(url, SecretMasker.Mask);
        throw new InvalidInputException(input, $"'{shown}' uses a transport git is not allowed to use here",
            $"give an https, ssh or git:// URL, or a local path");
    }

    /// <summary>The transport of <paramref name="url"/>; null for one that is not allowed (<c>ext::</c>, <c>ftp://</c>, a remote helper).</summary>
    public static GitTransport? Transport(string url)
    {
        if (Helper().IsMatch(url))
            return null;
        var scheme = Scheme().Match(url);
        if (scheme.Success)
            return scheme.Groups[1].Value.ToLowerInvariant() switch
            {
                "https" or "http" => GitTransport.Http,
                "ssh" or "git+ssh" or "ssh+git" => GitTransport.Ssh,
                "git" => GitTransport.Git,
                "file" => GitTransport.File,
                _ => null,
            };
        // git reads host:path as ssh when the part before the colon has no slash (and is not a drive letter).
        return ScpLike().IsMatch(url) && !DriveLetter().IsMatch(url) ? GitTransport.Ssh : GitTransport.File;
    }

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.\-]*)://")]
    private static partial Regex Scheme();

    // <transport>::<address> hands the URL to git-remote-<transport>: ext:: runs a command.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9+.\-]*::")]
    private static partial Regex Helper();

    [GeneratedRegex(@"^[^/:]+:")]
    private static partial Regex ScpLike();

    [GeneratedRegex(@"^[A-Za-z]:[\\/]")]
    private static partial Regex DriveLetter();
}
