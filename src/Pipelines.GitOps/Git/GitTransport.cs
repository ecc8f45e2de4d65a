namespace Pipelines.GitOps;

/// <summary>How git reaches a remote, read from its URL; it decides which bounds git itself can keep.</summary>
public enum GitTransport
{
    /// <summary>A local path or <c>file://</c> URL: no network.</summary>
    File,

    /// <summary><c>git://</c>: git has no idle bound here, so the whole command is bounded.</summary>
    Git,

    /// <summary><c>http://</c> or <c>https://</c>: libcurl's low-speed check is the idle bound.</summary>
    Http,

    /// <summary><c>ssh://</c> or <c>user@host:path</c>: ssh's ConnectTimeout and ServerAlive probes are the bounds.</summary>
    Ssh,
}
