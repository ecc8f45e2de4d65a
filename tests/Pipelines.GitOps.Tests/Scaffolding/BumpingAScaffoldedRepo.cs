namespace Pipelines.GitOps.Tests.Scaffolding;

/// <summary>The template is shaped for the bump: an environment's image lives under clusters/&lt;env&gt; only.</summary>
public sealed class BumpingAScaffoldedRepo : IDisposable
{
    private const string App = "shop";
    private const string ImageRepository = "210987654321.dkr.ecr.cn-northwest-1.amazonaws.com.cn/shop";

    private readonly TemporaryDirectory target = new();

    public void Dispose() => target.Dispose();

    [Fact]
    public async Task Bumping_one_environment_changes_only_its_folder_and_it_still_renders()
    {
        await new ConfigRepoScaffolder().ScaffoldAsync(
            new ConfigRepoScaffoldOptions(target.Path, App, ImageRepository, ["dev", "prod"], "cn-northwest-1"));

        var edits = ConfigTreeEditor.Edit(target.Path, "clusters/dev", new ImageUpdate(ImageTarget.Create(ImageRepository, "5d6e7f8")));

        Assert.Equal(["clusters/dev/gitops-helm-demo-values.yaml", "clusters/dev/kustomization.yaml"],
            edits.Select(edit => edit.Path).Order(StringComparer.Ordinal));
        var dev = await RenderedConfigRepo.RenderAsync(target.Path, "dev");
        var prod = await RenderedConfigRepo.RenderAsync(target.Path, "prod");
        Assert.Equal($"{ImageRepository}:5d6e7f8", Image(dev));
        Assert.Equal("5d6e7f8", dev.Documents.Single("HelmRelease", "gitops-helm-demo").Text("spec", "values", "image", "tag"));
        Assert.Equal($"{ImageRepository}:0.1.0", Image(prod));
    }

    [Fact]
    public async Task Every_file_that_mentions_the_image_is_one_the_bump_can_read()
    {
        await new ConfigRepoScaffolder().ScaffoldAsync(
            new ConfigRepoScaffoldOptions(target.Path, App, ImageRepository, ["dev", "prod"], "cn-northwest-1"));

        var edits = ConfigTreeEditor.Edit(target.Path, null, new ImageUpdate(ImageTarget.Create(ImageRepository, "5d6e7f8")), write: false);

        Assert.Contains(edits, edit => edit.Path == "workloads/deployment.yaml");
        Assert.Contains(edits, edit => edit.Path == "releases/gitops-helm-demo.yaml");
    }

    private static string? Image(RenderedConfigRepo repo) =>
        repo.Documents.Single("Deployment", App).Items("spec", "template", "spec", "containers").Single().Text("image");
}
