using Pipelines.Tooling;

namespace Pipelines.Testing.Kubernetes;

/// <summary>The real kubectl, pointed at a stand-in through a kubeconfig: the independent client the stand-in is checked against.</summary>
public sealed class Kubectl(string kubeconfig)
{
    /// <summary>Where the tests expect kubectl.</summary>
    public const string Path = "/usr/bin/kubectl";

    /// <summary>Runs kubectl with <paramref name="arguments"/>; never throws on a non-zero exit.</summary>
    public async Task<ProcessResult> RunAsync(params string[] arguments)
    {
        if (!File.Exists(Path))
            throw new InvalidOperationException("kubectl is missing: install it with `apt-get install -y kubectl` (Kubernetes apt repository) so that it is at " + Path);
        var runner = new ProcessRunner(new SecretMasker(), TextWriter.Null);
        return await runner.RunAsync(Path, ["--kubeconfig", kubeconfig, .. arguments], quiet: true, throwOnError: false);
    }
}
