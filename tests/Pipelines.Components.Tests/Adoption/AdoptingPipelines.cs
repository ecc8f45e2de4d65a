using System.Text.Json;

namespace Pipelines.Components.Tests.Adoption;

/// <summary>
/// Another repository adopts Pipelines the way a team would: install the template package, run
/// <c>dotnet new pipelines</c>, and the build plans its flows against the packed packages (the packages those depend
/// on come from the machine's usual NuGet source). Slow by nature: it packs the whole repository once.
/// </summary>
public sealed class AdoptingPipelines(AdoptionWorkspace workspace) : IClassFixture<AdoptionWorkspace>
{
    /// <summary>Targets the plan of <c>Release</c> must name in the template's Build class, flows included.</summary>
    static readonly string[] ReleaseTargets = ["Compile", "Test", "DockerBuild", "PushEcr", "Ci", "BumpConfigRepo", "Cd", "Release"];

    [Fact]
    public async Task A_new_repository_generates_its_CI_files_and_plans_the_release_flow()
    {
        var repo = await NewRepositoryAsync("demo-app");
        // As the README says: the packed folder as the feed, scripts allowed, nothing asked on a terminal.
        var created = await NewPipelinesAsync(repo, allowScripts: true,
            "--image-repository", "registry.example.com/team/demo-app", "--aws-region", "cn-northwest-1", "--feed", workspace.PackagesDirectory);

        foreach (var file in new[] { "build/_build.csproj", "build/Build.cs", ".nuke/parameters.json", "build.sh", "build.ps1" })
            Assert.True(File.Exists(Path.Combine(repo, file)), $"{file} was not created; dotnet new said:\n{created}");
        Assert.Equal(File.ReadAllBytes(Path.Combine(workspace.SourceRoot, "build.sh")), File.ReadAllBytes(Path.Combine(repo, "build.sh")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(workspace.SourceRoot, "build.ps1")), File.ReadAllBytes(Path.Combine(repo, "build.ps1")));
        if (!OperatingSystem.IsWindows())
            Assert.True(File.GetUnixFileMode(Path.Combine(repo, "build.sh")).HasFlag(UnixFileMode.UserExecute), "build.sh is not executable");
        Assert.Contains($"<PackageReference Include=\"Pipelines.Components\" Version=\"{workspace.Version}\" />",
            File.ReadAllText(Path.Combine(repo, "build/_build.csproj")));
        var parameters = Parameters(repo);
        Assert.Equal("registry.example.com/team/demo-app", parameters["ImageRepository"]);

        // The post-action compiled the build and wrote what --generate-ci writes.
        Assert.True(File.Exists(Path.Combine(repo, "Jenkinsfile")), $"no Jenkinsfile; dotnet new said:\n{created}");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(repo, ".github", "workflows"), "*.yml"));
        Assert.Contains("aws-region: cn-northwest-1", File.ReadAllText(Path.Combine(repo, ".github", "workflows", "release.yml")));
        Assert.True(File.Exists(Path.Combine(repo, ".nuke", "build.schema.json")));

        // Regenerating changes nothing, so a CI run on the fresh repository does not fail on stale files.
        await Git(repo, "add", "--all");
        await Git(repo, "commit", "--quiet", "--message", "Adopt Pipelines");
        await workspace.RunAsync(Path.Combine(repo, "build.sh"), ["--generate-ci"], repo);
        var status = await Git(repo, "status", "--porcelain", "--untracked-files=all");
        Assert.Equal("", status.StandardOutput);

        // A new repository has no config repo yet: the plan names the parameter the walkthrough adds, and plans with it.
        var unplanned = await workspace.RunAsync(Path.Combine(repo, "build.sh"), ["--plan", "Release"], repo, throwOnError: false);
        Assert.Equal(2, unplanned.ExitCode);
        Assert.Contains("requires --config-repo", unplanned.StandardError);
        var plan = await workspace.RunAsync(Path.Combine(repo, "build.sh"), ["--plan", "Release", "--config-repo", "https://github.com/example-org/gitops-config.git"],
            repo, throwOnError: false);
        Assert.True(plan.ExitCode == 0, $"./build.sh --plan Release exited {plan.ExitCode}:\n{plan.StandardOutput}{plan.StandardError}");
        var planned = plan.StandardOutput.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length >= 2 && words[0].EndsWith('.') && char.IsDigit(words[0][0]))
            .Select(words => words[1])
            .ToList();
        Assert.All(ReleaseTargets, target => Assert.Contains(target, planned));
        Assert.Equal("Release", planned[^1]);

        // Every target the README's walkthrough runs in the adopting repository is there.
        var help = await workspace.RunAsync(Path.Combine(repo, "build.sh"), ["--help"], repo);
        Assert.All(WalkthroughTargets, target => Assert.Matches($@"(?m)^  {target}\b", help.StandardOutput));
        Assert.Contains(workspace.PackagesDirectory, File.ReadAllText(Path.Combine(repo, "nuget.config")));

        // The template's own .nuke/parameters.json binds for every target: each plans, or names the one parameter it still needs.
        foreach (var target in ReleaseTargets.Concat(WalkthroughTargets).Distinct())
        {
            var targetPlan = await workspace.RunAsync(Path.Combine(repo, "build.sh"), ["--plan", target, "--config-repo", "https://github.com/example-org/gitops-config.git"],
                repo, throwOnError: false);
            var said = targetPlan.StandardOutput + targetPlan.StandardError;
            Assert.True(targetPlan.ExitCode == 0 || (targetPlan.ExitCode == 2 && targetPlan.StandardError.Contains(" requires --")),
                $"--plan {target} with the template's parameters exited {targetPlan.ExitCode}:\n{said}");
        }
    }

    /// <summary>The targets the README's walkthrough runs in an adopting repository.</summary>
    static readonly string[] WalkthroughTargets = ["InitConfigRepo", "Release", "WaitRollout", "Rollback", "Promote", "WaitPromotion"];

    [Fact]
    public async Task Without_options_the_build_targets_an_ECR_repository_named_after_the_app_in_cn_north_1()
    {
        var repo = await NewRepositoryAsync("defaults");
        var created = await NewPipelinesAsync(repo, allowScripts: false, "--name", "OrderService");

        var parameters = Parameters(repo);
        Assert.Equal("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/order-service", parameters["ImageRepository"]);
        Assert.Equal("order-service", parameters["EcrRepositoryName"]);
        Assert.Equal("cn-north-1", parameters["AwsRegion"]);
        Assert.Contains("The delivery pipeline of OrderService:", File.ReadAllText(Path.Combine(repo, "build/Build.cs")));
        Assert.False(File.Exists(Path.Combine(repo, "Jenkinsfile")), "scripts were declined, yet CI files were generated");
        Assert.False(File.Exists(Path.Combine(repo, "nuget.config")), "no --feed was given, yet a nuget.config was written");
        Assert.Contains("./build.sh --generate-ci", created);
    }

    async Task<string> NewRepositoryAsync(string name)
    {
        var repo = Path.Combine(workspace.TempRoot, "repos", name);
        Directory.CreateDirectory(repo);
        await Git(repo, "init", "--quiet", "--initial-branch", "main");
        return repo;
    }

    async Task<string> NewPipelinesAsync(string repo, bool allowScripts, params string[] options)
    {
        var arguments = new List<string> { "new", "pipelines" };
        if (!options.Contains("--name"))
            arguments.AddRange(["--name", "DemoApp"]);
        arguments.AddRange(options);
        arguments.AddRange(["--allow-scripts", allowScripts ? "yes" : "no", "--debug:custom-hive", workspace.Hive]);
        // Declined scripts make dotnet new exit 105 after printing the manual instructions; the files are there.
        var result = await workspace.RunAsync("dotnet", arguments, repo, throwOnError: allowScripts);
        var said = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 0 || (!allowScripts && result.ExitCode == 105), $"dotnet new exited {result.ExitCode}:\n{said}");
        return said;
    }

    Task<Tooling.ProcessResult> Git(string repo, params string[] arguments) =>
        workspace.RunAsync("git", ["-c", "user.name=Adoption Test", "-c", "user.email=adoption@example.com", "-c", "commit.gpgsign=false", .. arguments], repo);

    static Dictionary<string, string?> Parameters(string repo) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(Path.Combine(repo, ".nuke", "parameters.json")))!
            .ToDictionary(p => p.Key, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText());
}
