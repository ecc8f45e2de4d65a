using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pipelines.Tooling;

namespace Pipelines.Testing.Git;

/// <summary>
/// Bare repositories in a temporary folder served by a real <c>git daemon</c> on 127.0.0.1 with pushes enabled.
/// Dispose stops the daemon (and its children) and deletes the folder.
/// </summary>
public sealed class GitDaemon : IDisposable
{
    readonly Process process;
    readonly ProcessRunner git = new(new SecretMasker(), TextWriter.Null);

    GitDaemon(string baseDirectory, int port, Process process)
    {
        BaseDirectory = baseDirectory;
        Port = port;
        this.process = process;
    }

    /// <summary>The folder holding the bare repositories (<c>&lt;name&gt;.git</c>).</summary>
    public string BaseDirectory { get; }

    /// <summary>The port the daemon listens on.</summary>
    public int Port { get; }

    /// <summary>The <c>git://</c> URL of repository <paramref name="name"/>.</summary>
    public string Url(string name) => $"git://127.0.0.1:{Port}/{name}.git";

    /// <summary>The path of the bare repository <paramref name="name"/>.</summary>
    public string BarePath(string name) => Path.Combine(BaseDirectory, name + ".git");

    /// <summary>Starts a daemon on a free port and waits until it accepts connections.</summary>
    public static async Task<GitDaemon> StartAsync(CancellationToken ct = default)
    {
        var baseDirectory = Path.Combine(Path.GetTempPath(), "pipelines-gitd-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(baseDirectory);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("git")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in (string[])["daemon", "--reuseaddr", "--informative-errors", $"--base-path={baseDirectory}", "--export-all",
                         "--enable=receive-pack", "--listen=127.0.0.1", $"--port={port}", baseDirectory])
                start.ArgumentList.Add(arg);
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Directory.Delete(baseDirectory, true);
                throw new InvalidOperationException("git is not installed: run 'apt-get install -y git'");
            }
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            while (!process.HasExited)
            {
                if (await AcceptsAsync(port, ct).ConfigureAwait(false))
                    return new GitDaemon(baseDirectory, port, process);
                await Task.Delay(20, ct).ConfigureAwait(false);
            }
            process.Dispose();
            if (attempt == 3)
                throw new InvalidOperationException("git daemon did not start on 127.0.0.1 (port taken three times)");
        }
    }

    /// <summary>Creates bare repository <paramref name="name"/> whose <paramref name="branch"/> holds <paramref name="files"/>; returns its URL.</summary>
    public async Task<string> CreateRepositoryAsync(string name, IReadOnlyDictionary<string, byte[]> files, string branch = "main", CancellationToken ct = default)
    {
        var bare = BarePath(name);
        await RunAsync(BaseDirectory, ["init", "--quiet", "--bare", "--initial-branch", branch, bare], ct).ConfigureAwait(false);
        var work = TempDirectory();
        try
        {
            await RunAsync(work, ["init", "--quiet", "--initial-branch", branch], ct).ConfigureAwait(false);
            await CommitFilesAsync(work, files, "Initial config", ct).ConfigureAwait(false);
            await RunAsync(work, ["push", "--quiet", bare, $"HEAD:refs/heads/{branch}"], ct).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(work, true);
        }
        return Url(name);
    }

    /// <summary>Creates a repository from every file under <paramref name="folder"/>.</summary>
    public Task<string> CreateRepositoryFromFolderAsync(string name, string folder, CancellationToken ct = default) =>
        CreateRepositoryAsync(name, Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes), ct: ct);

    /// <summary>Adds a commit by someone else (files written or replaced) on top of <paramref name="branch"/>; returns its id.</summary>
    public async Task<string> PushCommitAsync(string name, IReadOnlyDictionary<string, byte[]> files, string message, string branch = "main", CancellationToken ct = default)
    {
        var work = await CloneAsync(name, branch, ct).ConfigureAwait(false);
        try
        {
            await CommitFilesAsync(work, files, message, ct).ConfigureAwait(false);
            await RunAsync(work, ["push", "--quiet", "origin", $"HEAD:refs/heads/{branch}"], ct).ConfigureAwait(false);
            return (await RunAsync(work, ["rev-parse", "HEAD"], ct).ConfigureAwait(false)).StandardOutput.Trim();
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    /// <summary>Clones <paramref name="name"/> at <paramref name="branch"/> into a new temporary folder the caller deletes.</summary>
    public async Task<string> CloneAsync(string name, string branch = "main", CancellationToken ct = default)
    {
        var work = TempDirectory();
        await RunAsync(work, ["clone", "--quiet", "--branch", branch, BarePath(name), "."], ct).ConfigureAwait(false);
        return work;
    }

    /// <summary>Runs git in the bare repository <paramref name="name"/> and returns its standard output.</summary>
    public async Task<string> GitAsync(string name, params string[] arguments) =>
        (await RunAsync(BarePath(name), arguments, default).ConfigureAwait(false)).StandardOutput;

    /// <summary>Every ref of repository <paramref name="name"/> with its commit id, to prove a remote was left untouched.</summary>
    public Task<string> RefsAsync(string name) => GitAsync(name, "for-each-ref", "--format=%(refname) %(objectname)");

    async Task CommitFilesAsync(string work, IReadOnlyDictionary<string, byte[]> files, string message, CancellationToken ct)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(work, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllBytesAsync(full, content, ct).ConfigureAwait(false);
        }
        await RunAsync(work, ["add", "--all"], ct).ConfigureAwait(false);
        await RunAsync(work, ["-c", "user.name=Someone Else", "-c", "user.email=someone@example.com", "-c", "commit.gpgsign=false",
            "commit", "--quiet", "--allow-empty", "-m", message], ct).ConfigureAwait(false);
    }

    Task<ProcessResult> RunAsync(string directory, IEnumerable<string> arguments, CancellationToken ct) =>
        git.RunAsync("git", arguments, directory, new Dictionary<string, string?> { ["GIT_CONFIG_NOSYSTEM"] = "1" }, noEcho: true, quiet: true, ct: ct);

    static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "pipelines-gitw-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task<bool> AcceptsAsync(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, ct).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Stops the daemon and its per-connection children and deletes every repository.</summary>
    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
        try
        {
            Directory.Delete(BaseDirectory, true);
        }
        catch (IOException)
        {
        }
    }
}
