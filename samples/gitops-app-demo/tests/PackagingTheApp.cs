namespace GitOpsAppDemo.Tests;

/// <summary>The Dockerfile only layers the published app onto a replaceable base, so it builds offline.</summary>
public sealed class PackagingTheApp
{
    private static readonly string SampleDirectory = FindSampleDirectory();

    // One entry per instruction, with backslash-continued lines joined and comments dropped.
    private static string[] Instructions
    {
        get
        {
            var instructions = new List<string>();
            var pending = "";
            foreach (var line in File.ReadAllLines(Path.Combine(SampleDirectory, "Dockerfile")).Select(line => line.Trim()))
            {
                if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
                {
                    continue;
                }

                pending += line.TrimEnd('\\').Trim() + (line.EndsWith('\\') ? " " : "");
                if (!line.EndsWith('\\'))
                {
                    instructions.Add(pending);
                    pending = "";
                }
            }

            return [.. instructions];
        }
    }

    [Fact]
    public void Base_image_is_a_build_argument_defaulting_to_the_official_runtime()
    {
        Assert.Equal("ARG BASE_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0", Instructions[0]);
        Assert.Equal("FROM ${BASE_IMAGE}", Assert.Single(Instructions, line => line.StartsWith("FROM ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Nothing_runs_inside_the_base_at_build_time()
    {
        // No RUN: no SDK, no restore, no network, and any base (even another architecture's) builds.
        Assert.DoesNotContain(Instructions, line => line.StartsWith("RUN ", StringComparison.Ordinal));
        Assert.Contains("COPY out/ ./", Instructions);
    }

    [Fact]
    public void Entry_point_is_this_app_run_as_non_root()
    {
        // The app host, not `dotnet <dll>`: it runs a framework-dependent publish on the ASP.NET base and a self-contained one
        // on a base without .NET (the offline Debian base).
        Assert.Contains($"ENTRYPOINT [\"/app/{typeof(DemoApp).Assembly.GetName().Name}\"]", Instructions);
        var user = Assert.Single(Instructions, line => line.StartsWith("USER ", StringComparison.Ordinal));
        Assert.NotEqual("0", user["USER ".Length..]);
        Assert.True(int.TryParse(user["USER ".Length..], out _), "USER must be numeric so runAsNonRoot can check it");
    }

    [Fact]
    public void Only_the_published_folder_is_sent_to_the_builder()
    {
        var rules = File.ReadAllLines(Path.Combine(SampleDirectory, ".dockerignore"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'));

        Assert.Equal(["*", "!out/"], rules);
    }

    private static string FindSampleDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Dockerfile")) && directory.Name == "gitops-app-demo")
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No gitops-app-demo/Dockerfile above {AppContext.BaseDirectory}.");
    }
}
