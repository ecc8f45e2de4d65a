namespace Pipelines.GitOps.Tests.Scaffolding;

/// <summary>The template in samples/config-repo is itself a working config repo for the sample app.</summary>
public sealed class RenderingTheTemplate
{
    private const string App = "gitops-app-demo";
    private const string ImageRepository = "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/gitops-app-demo";

    private static string TemplateRoot => RepositoryLayout.PathOf("samples/config-repo");

    public static TheoryData<string> Environments => new() { "dev", "prod" };

    [Theory]
    [MemberData(nameof(Environments))]
    public async Task Every_environment_renders_with_everything_it_needs(string environment)
    {
        var rendered = await RenderedConfigRepo.RenderAsync(TemplateRoot, environment);

        rendered.AssertAll(environment, App, ImageRepository);
    }

    [Fact]
    public async Task Prod_runs_more_replicas_than_dev()
    {
        var dev = await RenderedConfigRepo.RenderAsync(TemplateRoot, "dev");
        var prod = await RenderedConfigRepo.RenderAsync(TemplateRoot, "prod");

        static int Replicas(RenderedConfigRepo repo) => int.Parse(repo.Documents.Single("Deployment", App).Text("spec", "replicas")!);
        Assert.True(Replicas(prod) > Replicas(dev));
    }

    [Fact]
    public void Embedded_template_is_exactly_the_samples_folder()
    {
        var onDisk = Directory.EnumerateFiles(TemplateRoot, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(TemplateRoot, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(onDisk, ConfigRepoScaffolder.TemplateFiles);
    }

    [Fact]
    public void Chart_metadata_and_values_parse_and_pin_the_image()
    {
        var chart = Yaml.DocumentsIn(Path.Combine(TemplateRoot, "charts/gitops-helm-demo/Chart.yaml")).Single();
        var values = Yaml.DocumentsIn(Path.Combine(TemplateRoot, "charts/gitops-helm-demo/values.yaml")).Single();

        Assert.Equal("v2", chart.Text("apiVersion"));
        Assert.Equal("gitops-helm-demo", chart.Text("name"));
        Assert.Equal(ImageRepository, values.Text("image", "repository"));
        Assert.NotEqual("latest", values.Text("image", "tag"));
    }
}
