namespace Pipelines.Containers.Building;

/// <summary>
/// The Debian or Ubuntu archive this machine's apt installs from, as its sources say (<c>/etc/apt/sources.list</c> and the
/// one-line <c>.list</c> and deb822 <c>.sources</c> files beside it): the first enabled <c>deb</c> entry over HTTP(S) whose suite
/// debootstrap knows. Behind a corporate or domestic mirror that is the mirror, so the offline base needs no other network.
/// </summary>
/// <param name="Uri">The archive, e.g. <c>http://deb.debian.org/debian</c>.</param>
/// <param name="Suite">The release, e.g. <c>bookworm</c>.</param>
public sealed record DebianArchive(Uri Uri, string Suite)
{
    /// <summary>Where debootstrap keeps its per-suite scripts.</summary>
    public const string DebootstrapScripts = "/usr/share/debootstrap/scripts";

    /// <summary>The suites debootstrap can build, as a scripts folder holds them: one script per suite.</summary>
    public static Func<string, bool> SuitesIn(string scriptsFolder) => suite => File.Exists(Path.Combine(scriptsFolder, suite));

    /// <summary>Reads the archive from <paramref name="sources"/> (a file or folder; the machine's apt sources when null).</summary>
    /// <param name="sources">An apt sources file or folder.</param>
    /// <param name="isKnownSuite">Whether debootstrap can build a suite; the scripts folder decides when null.</param>
    /// <returns>The archive, or null when no usable entry exists.</returns>
    public static DebianArchive? Read(string? sources = null, Func<string, bool>? isKnownSuite = null)
    {
        isKnownSuite ??= SuitesIn(DebootstrapScripts);
        foreach (var file in SourceFiles(sources))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            var entries = file.EndsWith(".sources", StringComparison.Ordinal) ? Deb822(text) : OneLine(text);
            foreach (var (uri, suite) in entries)
            {
                if (uri.Scheme is "http" or "https" && isKnownSuite(suite))
                    return new DebianArchive(uri, suite);
            }
        }
        return null;
    }

    static IEnumerable<string> SourceFiles(string? sources)
    {
        if (sources is not null && File.Exists(sources))
            return [sources];
        var folder = sources ?? "/etc/apt/sources.list.d";
        var files = new List<string>();
        if (sources is null && File.Exists("/etc/apt/sources.list"))
            files.Add("/etc/apt/sources.list");
        if (Directory.Exists(folder))
            files.AddRange(Directory.GetFiles(folder).Where(f => f.EndsWith(".list", StringComparison.Ordinal) || f.EndsWith(".sources", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal));
        return files;
    }

    // deb [arch=amd64 signed-by=...] http://deb.debian.org/debian bookworm main
    static IEnumerable<(Uri, string)> OneLine(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Split('#')[0].Trim();
            if (!line.StartsWith("deb ", StringComparison.Ordinal) && !line.StartsWith("deb\t", StringComparison.Ordinal))
                continue;
            var rest = line[3..].Trim();
            if (rest.StartsWith('['))
                rest = rest[(rest.IndexOf(']') + 1)..].Trim();
            var words = rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 2 && Uri.TryCreate(words[0], UriKind.Absolute, out var uri))
                yield return (uri, words[1]);
        }
    }

    // Stanzas of "Key: value" lines separated by blank lines; Enabled: no switches a stanza off.
    static IEnumerable<(Uri, string)> Deb822(string text)
    {
        foreach (var stanza in text.ReplaceLineEndings("\n").Split("\n\n"))
        {
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var raw in stanza.Split('\n'))
            {
                var colon = raw.IndexOf(':');
                if (raw.StartsWith('#') || colon <= 0)
                    continue;
                fields[raw[..colon].Trim()] = raw[(colon + 1)..].Trim();
            }
            if (!fields.TryGetValue("Types", out var types) || !types.Split(' ').Contains("deb")
                || fields.GetValueOrDefault("Enabled")?.Equals("no", StringComparison.OrdinalIgnoreCase) == true)
                continue;
            var uris = fields.GetValueOrDefault("URIs")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            var suites = fields.GetValueOrDefault("Suites")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            foreach (var u in uris)
            {
                if (!Uri.TryCreate(u, UriKind.Absolute, out var uri))
                    continue;
                foreach (var suite in suites)
                    yield return (uri, suite);
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Uri} {Suite}";
}
