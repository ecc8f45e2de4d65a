namespace Pipelines.GitOps.Tests.Scaffolding;

/// <summary>ConfigRepoScaffolder: the template made specific to one app, written without clobbering anything.</summary>
public sealed class ScaffoldingAConfigRepo : IDisposable
{
    private const string App = "shop";
    private const string ImageRepository = "210987654321.dkr.ecr.cn-northwest-1.amazonaws.com.cn/team/shop";
    private const string Region = "cn-northwest-1";

    private readonly TemporaryDirectory target = new();
    private readonly ConfigRepoScaffolder scaffolder = new();

    public void Dispose() => target.Dispose();

    private ConfigRepoScaffoldOptions Options(params string[] environments) =>
        new(target.Path, App, ImageRepository, environments.Length == 0 ? ["dev", "staging", "prod"] : environments, Region)
        {
            GitUrl = "ssh://git@github.com/acme/shop-config.git",
            GitBranch = "trunk",
            InitialTag = "1a2b3c4",
        };

    [Fact]
    public async Task Every_requested_environment_renders_for_the_app()
    {
        var result = await scaffolder.ScaffoldAsync(Options());

        Assert.False(result.HasConflicts);
        foreach (var environment in new[] { "dev", "staging", "prod" })
        {
            var rendered = await RenderedConfigRepo.RenderAsync(target.Path, environment);
            rendered.AssertAll(environment, App, ImageRepository);
            var source = rendered.Documents.OfKind("GitRepository").Single();
            Assert.Equal("ssh://git@github.com/acme/shop-config.git", source.Text("spec", "url"));
            Assert.Equal("trunk", source.Text("spec", "ref", "branch"));
            Assert.Equal($"{ImageRepository}:1a2b3c4", rendered.Documents.Single("Deployment", App)
                .Items("spec", "template", "spec", "containers").Single().Text("image"));
            Assert.Equal("1a2b3c4", rendered.Documents.Single("HelmRelease", "gitops-helm-demo").Text("spec", "values", "image", "tag"));
        }
    }

    [Fact]
    public async Task Returns_the_written_files_and_only_the_requested_environments()
    {
        var result = await scaffolder.ScaffoldAsync(Options("dev", "staging"));

        var onDisk = Directory.EnumerateFiles(target.Path, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(target.Path, path).Replace(Path.DirectorySeparatorChar, '/'));
        Assert.Equal(onDisk.Order(StringComparer.Ordinal), result.WrittenFiles.Order(StringComparer.Ordinal));
        Assert.Contains("namespaces/shop.yaml", result.WrittenFiles);
        Assert.Contains("clusters/staging/kustomization.yaml", result.WrittenFiles);
        Assert.DoesNotContain(result.WrittenFiles, file => file.StartsWith("clusters/prod/", StringComparison.Ordinal));
        Assert.Empty(result.UnchangedFiles);
    }

    [Fact]
    public async Task No_sample_value_is_left_behind()
    {
        var result = await scaffolder.ScaffoldAsync(Options());

        foreach (var file in result.WrittenFiles)
        {
            var text = await File.ReadAllTextAsync(target.File(file));
            Assert.DoesNotContain("gitops-app-demo", text);
            Assert.DoesNotContain("123456789012", text);
            Assert.DoesNotContain("cn-north-1", text);
            Assert.DoesNotContain("example-org", text);
        }
    }

    [Fact]
    public async Task An_image_repository_containing_the_sample_name_survives_intact()
    {
        var options = Options("dev") with { ImageRepository = "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/gitops-app-demo-v2" };

        await scaffolder.ScaffoldAsync(options);

        var rendered = await RenderedConfigRepo.RenderAsync(target.Path, "dev");
        rendered.AssertDeploymentIsProductionReady(App, options.ImageRepository);
        rendered.AssertHelmReleaseCarriesImage(options.ImageRepository);
    }

    [Fact]
    public async Task Running_again_writes_nothing()
    {
        var first = await scaffolder.ScaffoldAsync(Options());

        var second = await scaffolder.ScaffoldAsync(Options());

        Assert.Empty(second.WrittenFiles);
        Assert.Empty(second.ConflictingFiles);
        Assert.Equal(first.WrittenFiles.Order(StringComparer.Ordinal), second.UnchangedFiles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_existing_file_that_differs_is_reported_and_kept()
    {
        Directory.CreateDirectory(target.File("workloads"));
        await File.WriteAllTextAsync(target.File("workloads/deployment.yaml"), "# ours\n");
        await File.WriteAllTextAsync(target.File("README.md"), "our own readme\n");

        var result = await scaffolder.ScaffoldAsync(Options());

        Assert.True(result.HasConflicts);
        Assert.Equal(["README.md", "workloads/deployment.yaml"], result.ConflictingFiles.Order(StringComparer.Ordinal));
        Assert.Equal("# ours\n", await File.ReadAllTextAsync(target.File("workloads/deployment.yaml")));
        Assert.Equal("our own readme\n", await File.ReadAllTextAsync(target.File("README.md")));
        Assert.Contains("workloads/service.yaml", result.WrittenFiles);
        Assert.DoesNotContain("workloads/deployment.yaml", result.WrittenFiles);
    }

    [Fact]
    public async Task A_dry_run_reports_without_writing()
    {
        var result = await scaffolder.ScaffoldAsync(Options() with { DryRun = true });

        Assert.NotEmpty(result.WrittenFiles);
        Assert.Empty(Directory.EnumerateFileSystemEntries(target.Path));
    }

    public static TheoryData<string, Func<ConfigRepoScaffoldOptions, ConfigRepoScaffoldOptions>> BadOptions => new()
    {
        { "app name 'Shop_1'", o => o with { AppName = "Shop_1" } },
        { "image repository '210987654321.dkr.ecr.cn-northwest-1.amazonaws.com.cn/shop:1.0'", o => o with { ImageRepository = o.ImageRepository[..^10] + "/shop:1.0" } },
        { "image repository 'Team/Shop'", o => o with { ImageRepository = "Team/Shop" } },
        { "environments", o => o with { Environments = [] } },
        { "environments name 'Prod EU',", o => o with { Environments = ["dev", "Prod EU"] } },
        { "environments 'dev,dev'", o => o with { Environments = ["dev", "dev"] } },
        { "region 'china'", o => o with { Region = "china" } },
        { "initial tag 'latest'", o => o with { InitialTag = "latest" } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task Bad_input_is_refused_in_one_line_before_anything_is_written(
        string input, Func<ConfigRepoScaffoldOptions, ConfigRepoScaffoldOptions> change)
    {
        var error = await Assert.ThrowsAsync<InvalidScaffoldOptionException>(() => scaffolder.ScaffoldAsync(change(Options())));

        Assert.StartsWith(input + " ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(target.Path));
    }
}
