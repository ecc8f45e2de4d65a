namespace Pipelines.Components.Tests.Hardening.Hostile;

/// <summary>What <c>/proc</c> shows of this machine's processes: their argument lists, read as any user on a shared agent can.</summary>
public static class ChildProcesses
{
    /// <summary>Every process's pid and arguments (NUL-separated arguments joined by spaces).</summary>
    public static IEnumerable<(int Pid, string CommandLine)> All()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
                continue;
            string text;
            try { text = File.ReadAllText(Path.Combine(directory, "cmdline")); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            if (text.Length > 0)
                yield return (pid, text.Replace('\0', ' ').TrimEnd());
        }
    }

    /// <summary>The git processes whose arguments mention <paramref name="marker"/> (a URL or a port).</summary>
    public static List<string> GitMentioning(string marker) =>
        All().Where(p => p.CommandLine.StartsWith("git", StringComparison.Ordinal) || p.CommandLine.Contains("/git ", StringComparison.Ordinal)
                         || p.CommandLine.StartsWith("ssh ", StringComparison.Ordinal))
            .Where(p => p.CommandLine.Contains(marker, StringComparison.Ordinal))
            .Select(p => $"{p.Pid}: {p.CommandLine}").ToList();
}
