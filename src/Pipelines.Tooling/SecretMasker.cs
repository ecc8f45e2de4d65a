namespace Pipelines.Tooling;

/// <summary>
/// The set of secret values known to this run, and the one redaction every output path goes through.
/// Thread-safe: values can be added while output is being written (e.g. an ECR token obtained mid-run).
/// The user-info of any URL (<c>https://user:password@host</c>) is masked too, registered or not.
/// </summary>
public sealed class SecretMasker
{
    /// <summary>The text that replaces a secret.</summary>
    public const string Mask = "***";

    // Shorter values would mask ordinary words; a 3-character secret is not a secret worth the noise.
    const int MinimumLength = 4;

    readonly object _gate = new();
    string[] _values = [];

    /// <summary>Values registered so far, longest first.</summary>
    public IReadOnlyList<string> Values => Volatile.Read(ref _values);

    /// <summary>Registers a secret value (and its common encodings) for masking. Null or short values are ignored.</summary>
    public void Add(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < MinimumLength)
            return;
        lock (_gate)
        {
            var set = new HashSet<string>(_values, StringComparer.Ordinal) { value, value.Trim() };
            set.Add(Uri.EscapeDataString(value));
            set.Add(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)));
            set.RemoveWhere(v => v.Length < MinimumLength);
            Volatile.Write(ref _values, set.OrderByDescending(v => v.Length).ThenBy(v => v, StringComparer.Ordinal).ToArray());
        }
    }

    /// <summary>Registers the user-info secrets of every URL in <paramref name="text"/> (see <see cref="UrlCredentials.Find"/>).</summary>
    public void AddUrlCredentials(string? text) => AddRange(UrlCredentials.Find(text));

    /// <summary>Registers several secret values.</summary>
    public void AddRange(IEnumerable<string?> values)
    {
        foreach (var value in values)
            Add(value);
    }

    /// <summary>Replaces every registered secret in <paramref name="text"/> with <see cref="Mask"/>.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? string.Empty;
        text = UrlCredentials.Mask(text, Mask);
        var values = Volatile.Read(ref _values);
        foreach (var value in values)
        {
            if (text.Contains(value, StringComparison.Ordinal))
                text = text.Replace(value, Mask, StringComparison.Ordinal);
        }
        return text;
    }
}
