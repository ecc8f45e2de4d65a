using Pipelines.Tooling;
using YamlDotNet.RepresentationModel;

namespace Pipelines.GitOps.Tests.Scaffolding;

/// <summary>Renders a kustomization with the real kustomize inside kubectl and parses what it prints.</summary>
internal static class Kustomize
{
    public static async Task<IReadOnlyList<YamlMappingNode>> RenderAsync(string directory)
    {
        ProcessResult result;
        try
        {
            result = await new ProcessRunner().RunAsync("kubectl", ["kustomize", directory], quiet: true, throwOnError: false);
        }
        catch (ToolNotFoundException)
        {
            throw new InvalidOperationException("kubectl is needed to render kustomizations: apt-get install -y kubectl");
        }

        Assert.True(result.ExitCode == 0, $"kubectl kustomize {directory} failed: {result.StandardError}");
        return Yaml.Documents(result.StandardOutput);
    }
}
