namespace Pipelines.Components.Tests.Hardening.Cluster;

/// <summary>Processes still alive (zombies, which hold nothing, excepted) whose command line holds a marker: what a plugin left.</summary>
public static class LeftoverProcesses
{
    public static IReadOnlyList<string> With(string marker)
    {
        var found = new List<string>();
        foreach (var directory in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (!commandLine.Contains(marker, StringComparison.Ordinal)) continue;
                var state = File.ReadAllText(Path.Combine(directory, "stat")).Split(") ").LastOrDefault()?.FirstOrDefault();
                if (state is not 'Z' and not 'X') found.Add($"{pid} {commandLine}");
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return found;
    }

    /// <summary>Waits a little for killed processes to go (a kill is a signal; the kernel takes a moment), then asserts none is left.</summary>
    public static async Task AssertNoneAsync(string marker)
    {
        for (var i = 0; i < 40 && With(marker).Count > 0; i++)
            await Task.Delay(50);
        var left = With(marker);
        Assert.True(left.Count == 0, "processes left running: " + string.Join("; ", left));
    }
}
