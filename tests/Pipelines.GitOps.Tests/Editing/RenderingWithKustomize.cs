using Pipelines.Tooling;

namespace Pipelines.GitOps.Tests.Editing;

/// <summary>A bumped kustomization still renders with the real kustomize inside kubectl, and renders the new image.</summary>
public sealed class RenderingWithKustomize : IDisposable
{
    const string App = "registry.example.com/team/app";
    readonly string tree = Path.Combine(Path.GetTempPath(), "pipelines-kustomize-" + Guid.NewGuid().ToString("N")[..8]);

    public RenderingWithKustomize()
    {
        Directory.CreateDirectory(tree);
        File.WriteAllText(Path.Combine(tree, "kustomization.yaml"), """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - deployment.yaml
            images:
              - name: app   # the placeholder used in deployment.yaml
                newName: registry.example.com/team/app
                newTag: "1a2b3c4"
              - name: sidecar
                newName: registry.example.com/team/app-sidecar
                digest: sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa

            """);
        File.WriteAllText(Path.Combine(tree, "deployment.yaml"), """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              selector: {matchLabels: {app: app}}
              template:
                metadata: {labels: {app: app}}
                spec:
                  containers:
                    - name: app
                      image: app
                    - name: sidecar
                      image: sidecar

            """);
    }

    public void Dispose() => Directory.Delete(tree, true);

    [Fact]
    public async Task The_bumped_kustomization_renders_the_new_image()
    {
        var before = await RenderAsync();

        var edits = ConfigTreeEditor.Edit(tree, null, new ImageUpdate(ImageTarget.Create(App, "5d6e7f8")));
        var after = await RenderAsync();

        Assert.Equal(["kustomization.yaml"], edits.Select(e => e.Path));
        Assert.Contains("image: " + App + ":1a2b3c4", before);
        Assert.Contains("image: " + App + ":5d6e7f8", after);
        Assert.Contains("image: " + App + "-sidecar@sha256:aaaa", after);
        Assert.Equal(before.Replace(App + ":1a2b3c4", App + ":5d6e7f8"), after);
    }

    async Task<string> RenderAsync()
    {
        try
        {
            var result = await new ProcessRunner(new SecretMasker(), TextWriter.Null).RunAsync("kubectl", ["kustomize", tree], noEcho: true, quiet: true);
            return result.StandardOutput;
        }
        catch (ToolNotFoundException)
        {
            throw new InvalidOperationException("kubectl is not installed: run 'apt-get install -y kubectl' (kubectl 1.32 from the Kubernetes apt repository)");
        }
    }
}
