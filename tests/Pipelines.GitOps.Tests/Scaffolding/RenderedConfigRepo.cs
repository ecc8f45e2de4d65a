using YamlDotNet.RepresentationModel;

namespace Pipelines.GitOps.Tests.Scaffolding;

/// <summary>What every environment of a config repo made from the template must contain once rendered.</summary>
internal sealed class RenderedConfigRepo(IReadOnlyList<YamlMappingNode> documents)
{
    public IReadOnlyList<YamlMappingNode> Documents => documents;

    public static async Task<RenderedConfigRepo> RenderAsync(string repositoryRoot, string environment) =>
        new(await Kustomize.RenderAsync(Path.Combine(repositoryRoot, "clusters", environment)));

    public void AssertFluxSyncsFolder(string environment)
    {
        var source = documents.OfKind("GitRepository").Single();
        Assert.Equal("source.toolkit.fluxcd.io/v1", source.Text("apiVersion"));
        Assert.Equal("flux-system", source.Text("metadata", "namespace"));
        Assert.False(string.IsNullOrEmpty(source.Text("spec", "url")));
        Assert.False(string.IsNullOrEmpty(source.Text("spec", "ref", "branch")));

        var sync = documents.OfKind("Kustomization").Single();
        Assert.Equal("kustomize.toolkit.fluxcd.io/v1", sync.Text("apiVersion"));
        Assert.Equal($"./clusters/{environment}", sync.Text("spec", "path"));
        Assert.Equal("true", sync.Text("spec", "prune"));
        Assert.Equal("true", sync.Text("spec", "wait"));
        Assert.Equal("GitRepository", sync.Text("spec", "sourceRef", "kind"));
        Assert.Equal(source.Text("metadata", "name"), sync.Text("spec", "sourceRef", "name"));
    }

    public void AssertIngressUsesAlb(string app)
    {
        var ingress = documents.Single("Ingress", app);
        Assert.Equal("alb", ingress.Text("spec", "ingressClassName"));
        Assert.Equal("internet-facing", ingress.Text("metadata", "annotations", "alb.ingress.kubernetes.io/scheme"));
        Assert.Equal("ip", ingress.Text("metadata", "annotations", "alb.ingress.kubernetes.io/target-type"));
        var backend = ingress.Items("spec", "rules").Single().Items("http", "paths").Single().At("backend", "service")!;
        Assert.Equal(app, backend.Text("name"));
        Assert.Contains(documents.OfKind("Service"), service => service.Text("metadata", "name") == app);
    }

    public void AssertDeploymentIsProductionReady(string app, string imageRepository)
    {
        var deployment = documents.Single("Deployment", app);
        Assert.Equal(app, deployment.Text("metadata", "namespace"));
        var containers = deployment.Items("spec", "template", "spec", "containers").ToArray();
        Assert.NotEmpty(containers);
        foreach (var container in containers)
        {
            var image = container.Text("image")!;
            Assert.StartsWith(imageRepository + ":", image);
            var tag = image[(imageRepository.Length + 1)..];
            Assert.False(string.IsNullOrEmpty(tag));
            Assert.NotEqual("latest", tag);
            Assert.False(string.IsNullOrEmpty(container.Text("resources", "requests", "cpu")), "cpu request missing");
            Assert.False(string.IsNullOrEmpty(container.Text("resources", "requests", "memory")), "memory request missing");
            Assert.Equal("/healthz", container.Text("livenessProbe", "httpGet", "path"));
            Assert.Equal("/healthz", container.Text("readinessProbe", "httpGet", "path"));
        }
    }

    public void AssertHelmReleaseCarriesImage(string imageRepository)
    {
        var release = documents.Single("HelmRelease", "gitops-helm-demo");
        Assert.Equal("helm.toolkit.fluxcd.io/v2", release.Text("apiVersion"));
        Assert.Equal(imageRepository, release.Text("spec", "values", "image", "repository"));
        var tag = release.Text("spec", "values", "image", "tag");
        Assert.False(string.IsNullOrEmpty(tag));
        Assert.NotEqual("latest", tag);
        Assert.Equal("./charts/gitops-helm-demo", release.Text("spec", "chart", "spec", "chart"));
        Assert.Equal("GitRepository", release.Text("spec", "chart", "spec", "sourceRef", "kind"));
        Assert.Equal(documents.OfKind("GitRepository").Single().Text("metadata", "name"),
            release.Text("spec", "chart", "spec", "sourceRef", "name"));
    }

    public void AssertAll(string environment, string app, string imageRepository)
    {
        Assert.Contains(documents.OfKind("Namespace"), ns => ns.Text("metadata", "name") == app);
        AssertFluxSyncsFolder(environment);
        AssertIngressUsesAlb(app);
        AssertDeploymentIsProductionReady(app, imageRepository);
        AssertHelmReleaseCarriesImage(imageRepository);
    }
}
