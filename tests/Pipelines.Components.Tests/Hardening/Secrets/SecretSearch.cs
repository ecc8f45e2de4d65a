using System.Text;

namespace Pipelines.Components.Tests.Hardening.Secrets;

/// <summary>Counts where known secret values occur: in text, and byte for byte in every file under a folder.</summary>
public sealed class SecretSearch(IReadOnlyDictionary<string, string> secrets)
{
    public List<string> Findings { get; } = [];

    public void InText(string where, string text)
    {
        foreach (var (name, value) in secrets)
        {
            var count = Count(Encoding.UTF8.GetBytes(text), Encoding.UTF8.GetBytes(value));
            if (count > 0)
                Findings.Add($"{name} x{count} in {where}");
        }
    }

    public void InFiles(string where, string directory)
    {
        if (!Directory.Exists(directory))
            return;
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        foreach (var file in Directory.EnumerateFiles(directory, "*", options))
        {
            byte[] bytes;
            try { bytes = File.ReadAllBytes(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            foreach (var (name, value) in secrets)
            {
                var count = Count(bytes, Encoding.UTF8.GetBytes(value));
                if (count > 0)
                    Findings.Add($"{name} x{count} in {where}: {Path.GetRelativePath(directory, file)}");
            }
        }
    }

    static int Count(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        var count = 0;
        for (var at = haystack.IndexOf(needle); at >= 0; at = haystack.IndexOf(needle) is var next && next >= 0 ? next : -1)
        {
            count++;
            haystack = haystack[(at + needle.Length)..];
        }
        return count;
    }
}
