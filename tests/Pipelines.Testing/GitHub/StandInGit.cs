using System.Diagnostics;
using System.Text;

namespace Pipelines.Testing.GitHub;

/// <summary>git plumbing run over a bare repository with exact bytes in and out, as the stand-in's git-data API needs it.</summary>
static class StandInGit
{
    /// <summary>Runs <c>git</c> in <paramref name="directory"/>; the user's and the system's git config play no part.</summary>
    public static async Task<(int ExitCode, byte[] Output, string Error)> RunAsync(string directory, byte[]? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        if (input is not null)
            await process.StandardInput.BaseStream.WriteAsync(input).ConfigureAwait(false);
        process.StandardInput.Close();
        await reading.ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        return (process.ExitCode, output.ToArray(), await errors.ConfigureAwait(false));
    }

    /// <summary>Runs git and returns its output as text, or null when it failed.</summary>
    public static async Task<string?> TextAsync(string directory, params string[] arguments)
    {
        var (exitCode, output, _) = await RunAsync(directory, null, arguments).ConfigureAwait(false);
        return exitCode == 0 ? Encoding.UTF8.GetString(output) : null;
    }

    /// <summary>The type of object <paramref name="sha"/> (blob, tree, commit, tag); null when the repository lacks it.</summary>
    public static async Task<string?> TypeAsync(string directory, string? sha) =>
        sha is null || sha.Length != 40 || !sha.All(Uri.IsHexDigit) ? null : (await TextAsync(directory, "cat-file", "-t", sha).ConfigureAwait(false))?.Trim();
}
