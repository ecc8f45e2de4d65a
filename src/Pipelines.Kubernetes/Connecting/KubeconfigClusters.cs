using System.Text;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace Pipelines.Kubernetes;

/// <summary>
/// One kubeconfig file as the client library takes it: clusters, contexts and the current context, with each user's
/// credentials left out. <see cref="KubeconfigUsers"/> reads those the way kubectl does, and the library's own model of a
/// user would refuse files kubectl accepts: it reads <c>as-user-extra</c> as a map of strings, where kubectl's is a map of
/// lists (<c>{scopes: [view, edit]}</c>).
/// </summary>
internal static class KubeconfigClusters
{
    /// <summary>Loads <paramref name="path"/>; relative paths in it (a cluster's <c>certificate-authority</c>) stay relative to its folder.</summary>
    /// <exception cref="KubeConfigException">The file holds no configuration.</exception>
    public static K8SConfiguration Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path, Encoding.UTF8))
            stream.Load(reader);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new KubeConfigException("it holds no configuration (an empty file, or not a mapping)");
        if (root.Children.TryGetValue("users", out var users) && users is YamlSequenceNode entries)
        {
            foreach (var entry in entries.OfType<YamlMappingNode>())
            {
                if (entry.Children.ContainsKey("user"))
                    entry.Children["user"] = new YamlMappingNode();
            }
        }
        var text = new StringWriter();
        new YamlStream(stream.Documents[0]).Save(text, assignAnchors: false);
        var config = KubernetesClientConfiguration.LoadKubeConfig(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())));
        config.FileName = Path.GetFullPath(path);
        return config;
    }
}
