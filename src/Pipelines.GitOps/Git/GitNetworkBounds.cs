using System.Globalization;

namespace Pipelines.GitOps;

/// <summary>
/// How long git may wait for a remote. Over http(s) the idle bound is libcurl's low-speed check (less than one byte a second
/// for <see cref="Timeout"/>); over ssh it is <c>ConnectTimeout</c> plus keep-alive probes that give up after
/// <see cref="Timeout"/> of silence. git:// has no idle bound in git, and libcurl's low-speed check does not cover the TCP
/// connect, so the whole command is bounded too: by <see cref="Timeout"/> over git://, and by
/// <see cref="WholeCommandFactor"/> times it over the other transports, so a large fetch that keeps moving is not cut short.
/// </summary>
/// <param name="Timeout">The connect and idle bound.</param>
public sealed record GitNetworkBounds(TimeSpan Timeout)
{
    /// <summary>The bound when none is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(1);

    /// <summary>How many idle bounds a whole command may take where git keeps an idle bound of its own.</summary>
    public const int WholeCommandFactor = 10;

    int Seconds => Math.Max(1, (int)Math.Ceiling(Timeout.TotalSeconds));

    /// <summary>The bound on the whole command over <paramref name="transport"/> (every transport when unknown).</summary>
    public TimeSpan? WholeCommand(GitTransport? transport) => transport switch
    {
        GitTransport.File => null,
        GitTransport.Git => Timeout,
        _ => TimeSpan.FromSeconds(Seconds * (double)WholeCommandFactor),
    };

    /// <summary>libcurl's low-speed check as git reads it from its environment (it overrides <c>http.lowSpeed*</c> in config).</summary>
    public IEnumerable<(string Key, string Value)> HttpVariables() =>
    [
        ("GIT_HTTP_LOW_SPEED_LIMIT", "1"),
        ("GIT_HTTP_LOW_SPEED_TIME", Seconds.ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>The <c>GIT_SSH_COMMAND</c> used when the user set none: bounded connect (which covers the banner exchange),
    /// keep-alives that end a silent session, and no prompt.</summary>
    public string SshCommand()
    {
        var interval = Math.Max(1, Seconds / 3);
        var count = Math.Max(1, (int)Math.Ceiling(Seconds / (double)interval));
        return string.Create(CultureInfo.InvariantCulture,
            $"ssh -o ConnectTimeout={Seconds} -o ServerAliveInterval={interval} -o ServerAliveCountMax={count} -o BatchMode=yes");
    }
}
