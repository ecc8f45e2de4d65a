namespace Pipelines.Testing.Docker;

/// <summary>Finds a tool a fixture needs, or fails with the exact command that installs it.</summary>
public static class RequiredTool
{
    /// <summary>The full path of <paramref name="name"/> on PATH (or in the sbin directories); throws naming the apt package otherwise.</summary>
    public static string Find(string name, string aptPackage)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Concat(["/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        foreach (var dir in dirs.Where(d => d.Length > 0))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException($"'{name}' is not installed; run: sudo apt-get install -y {aptPackage}");
    }

    /// <summary>A free TCP port on 127.0.0.1.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Sends SIGTERM so a daemon can stop its children, then kills it if it has not exited in time.</summary>
    public static async Task StopAsync(System.Diagnostics.Process process, TimeSpan grace)
    {
        try
        {
            if (process.HasExited)
                return;
        }
        catch (InvalidOperationException)
        {
            return; // already stopped and disposed
        }
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }
}
