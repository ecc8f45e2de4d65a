using System.Globalization;
using Pipelines.Tooling;

namespace Pipelines.Execution;

/// <summary>
/// The last guard: an exception nobody expected becomes one line on the console and its details (type, message, stack trace,
/// inner exceptions, secrets masked) go to a file under <c>artifacts/logs/</c>, which CI hosts archive with the other artifacts.
/// </summary>
internal static class FailureLog
{
    /// <summary>Writes the details of <paramref name="exception"/> and returns the one line to print.</summary>
    /// <param name="root">The repository root, or null when the failure came before it was known (the temp folder is used).</param>
    /// <param name="what">What failed, e.g. the target's name.</param>
    /// <param name="exception">The unexpected exception.</param>
    /// <param name="masker">The run's redaction.</param>
    public static string Record(string? root, string what, Exception exception, SecretMasker masker)
    {
        var summary = $"{exception.GetType().Name}: {FirstLine(masker.Redact(exception.Message))}";
        try
        {
            var directory = root is null ? Path.Combine(Path.GetTempPath(), "pipelines-logs") : Path.Combine(root, "artifacts", "logs");
            Directory.CreateDirectory(directory);
            var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss.fff", CultureInfo.InvariantCulture);
            var path = Path.Combine(directory, $"{Safe(what)}-{stamp}.log");
            File.WriteAllText(path, masker.Redact($"{what} failed unexpectedly at {DateTime.UtcNow:O}\n\n{exception}\n"));
            var shown = root is null ? path : Path.GetRelativePath(root, path);
            return ControlCharacters.Escape($"unexpected {summary}; details in {shown}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ControlCharacters.Escape($"unexpected {summary}; the details could not be written ({e.Message})");
        }
    }

    static string FirstLine(string text)
    {
        var line = text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    static string Safe(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
}
