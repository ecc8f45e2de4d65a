using System.Diagnostics;

namespace Pipelines.Components.Tests.EndToEnd;

/// <summary>git in a cluster scene's config repo (what the scripted Flux fetches).</summary>
static class ClusterSceneGit
{
    /// <summary>Runs git in <paramref name="directory"/> and returns its trimmed output.</summary>
    public static string Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {process.StandardError.ReadToEnd()}");
    }
}
