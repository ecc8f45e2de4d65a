using Pipelines.Testing.Docker;

namespace Pipelines.Containers.Tests.Running;

/// <summary>
/// Images for smoke tests, built in the private dockerd from scratch with busybox: its httpd serves <c>/www</c> on 8080, and
/// <c>/www/cgi-bin</c> scripts answer with any status or with the container's environment.
/// </summary>
public static class SmokeImages
{
    /// <summary>httpd on 8080 serving <c>/healthz</c> and <c>/version</c>.</summary>
    public const string Serving = """
        EXPOSE 8080
        ENTRYPOINT ["/bin/busybox", "httpd", "-f", "-p", "8080", "-h", "/www"]
        """;

    /// <summary>Builds <paramref name="instructions"/> on top of busybox and the <c>/www</c> tree, tagged <paramref name="tag"/>.</summary>
    public static async Task<string> BuildAsync(ContainerParts parts, string tag, string instructions)
    {
        var context = Directory.CreateTempSubdirectory("psmoke-").FullName;
        try
        {
            File.Copy(RequiredTool.Find("busybox", "busybox-static"), Path.Combine(context, "busybox"));
            var www = Path.Combine(context, "www");
            Directory.CreateDirectory(Path.Combine(www, "cgi-bin"));
            await File.WriteAllTextAsync(Path.Combine(www, "healthz"), "ok\n");
            await File.WriteAllTextAsync(Path.Combine(www, "version"), "{\"version\":\"1.2.3\",\"commit\":\"0123456789abcdef\"}\n");
            Script(www, "failing", "echo 'Status: 500 Internal Server Error'\necho 'Content-Type: text/plain'\necho\necho 'database connection refused'\n");
            Script(www, "env", "echo 'Content-Type: text/plain'\necho\n/bin/busybox env\n");
            await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nCOPY www /www\n" + instructions + "\n");
            var env = new Dictionary<string, string?>(parts.Docker.Environment) { ["DOCKER_BUILDKIT"] = "1" };
            var (code, _, error) = await ContainerParts.RunAsync(DockerDaemon.Cli, env, "build", "-q", "-t", tag, context);
            if (code != 0)
                throw new InvalidOperationException($"docker build of {tag} failed: {error}");
            return tag;
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    /// <summary>The ids of every container the private daemon has, running or not.</summary>
    public static async Task<string[]> ContainersAsync(ContainerParts parts)
    {
        var (code, output, error) = await ContainerParts.RunAsync(DockerDaemon.Cli, parts.Docker.Environment, "ps", "--all", "--quiet");
        Assert.True(code == 0, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    static void Script(string www, string name, string body)
    {
        var path = Path.Combine(www, "cgi-bin", name);
        File.WriteAllText(path, "#!/bin/busybox sh\n" + body);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }
}
