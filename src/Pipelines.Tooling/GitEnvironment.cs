namespace Pipelines.Tooling;

/// <summary>
/// The variables every git call of Pipelines runs with, whatever the user's git config says. The transports are pinned with
/// <c>GIT_ALLOW_PROTOCOL</c>, which overrides every <c>protocol.allow</c> and <c>protocol.&lt;name&gt;.allow</c> setting, so a
/// permissive <c>~/.gitconfig</c> cannot let an <c>ext::</c> URL run a command (<c>-c protocol.allow=never</c> alone loses to a
/// user's <c>protocol.ext.allow=always</c>).
/// </summary>
public static class GitEnvironment
{
    /// <summary>The transports git may use: local paths, git://, http(s) and ssh.</summary>
    public const string AllowedProtocols = "file:git:http:https:ssh";

    /// <summary>The pinned variables: allowed transports, no prompts, no system config, untranslated messages.</summary>
    public static IReadOnlyDictionary<string, string?> Pinned { get; } = new Dictionary<string, string?>
    {
        ["GIT_ALLOW_PROTOCOL"] = AllowedProtocols,
        // A prompt would wait forever for an answer no CI agent gives.
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_CONFIG_NOSYSTEM"] = "1",
        // Output is parsed (porcelain, error lines), so it must not be translated.
        ["LC_ALL"] = "C",
    };
}
