using System.Text.RegularExpressions;

namespace Pipelines.Tooling;

/// <summary>
/// The user-info part of URLs (<c>https://user:password@host/…</c>): found in any text, so that it can be registered as a
/// secret where a value enters a run, and masked wherever a URL is echoed, even one never seen before (a tool's own output).
/// </summary>
public static partial class UrlCredentials
{
    /// <summary>
    /// The secret parts of every URL user-info in <paramref name="text"/>: the password when there is one, else the user name
    /// (<c>https://TOKEN@host</c> puts a token there), both as written and percent-decoded. An ssh URL's lone user name
    /// (<c>ssh://git@host</c>) is an account, not a secret.
    /// </summary>
    public static IEnumerable<string> Find(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains('@'))
            yield break;
        foreach (Match match in UserInfo().Matches(text))
        {
            if (SecretPart(match) is not { } part)
                continue;
            var secret = part.Value;
            yield return secret;
            var decoded = Decode(secret);
            if (decoded != secret)
                yield return decoded;
        }
    }

    /// <summary><paramref name="text"/> with the secret part of every URL's user-info (see <see cref="Find"/>) replaced by <paramref name="mask"/>.</summary>
    public static string Mask(string text, string mask) =>
        text.Contains('@')
            ? UserInfo().Replace(text, m => SecretPart(m) is { } part
                ? string.Concat(m.Value.AsSpan(0, part.Index - m.Index), mask, m.Value.AsSpan(part.Index - m.Index + part.Length))
                : m.Value)
            : text;

    /// <summary>The password of the match, else its user name unless the scheme is an ssh one; null when nothing is secret.</summary>
    static Capture? SecretPart(Match match)
    {
        var password = match.Groups["password"];
        if (password.Success)
            return password.Length > 0 ? password : null;
        var scheme = match.Groups["scheme"].Value.ToLowerInvariant();
        return scheme.Contains("ssh", StringComparison.Ordinal) || match.Groups["user"].Length == 0 ? null : match.Groups["user"];
    }

    static string Decode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    // scheme://user[:password]@ — user-info holds no '/', '@' or whitespace (RFC 3986 §3.2.1); quotes end it so a quoted URL stays readable.
    [GeneratedRegex(@"(?<scheme>\b[A-Za-z][A-Za-z0-9+.\-]*://)(?<user>[^/?#@:\s'""<>]*)(?::(?<password>[^/?#@\s'""<>]*))?@")]
    private static partial Regex UserInfo();
}
