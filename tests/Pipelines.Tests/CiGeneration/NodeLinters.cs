using System.Diagnostics;

namespace Pipelines.Tests.CiGeneration;

/// <summary>Runs the node scripts in linters/, which use the npm linters installed there.</summary>
internal static class NodeLinters
{
    public static string Directory => TestFiles.Path("linters");

    public static (int ExitCode, string Output) Run(string script, params string[] arguments)
    {
        Assert.True(System.IO.Directory.Exists(Path.Combine(Directory, "node_modules")),
            "The CI linters are not installed; run: npm ci --prefix tests/Pipelines.Tests/CiGeneration/linters");

        var start = new ProcessStartInfo("node") { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
