using System.Reflection;
using Pipelines.Testing;

namespace Pipelines.Components.Tests.Shipped;

/// <summary>
/// The sample's own Build class (samples/gitops-app-demo/build), run in-process in a copy of the sample with its own
/// .nuke/parameters*.json: the configuration the repository ships, exercised as a new user runs it.
/// </summary>
public sealed class SampleBuild : IDisposable
{
    /// <summary>The sample's Build class, from the referenced build project.</summary>
    public static readonly Type BuildType = Assembly.Load("_build").GetType("Build", throwOnError: true)!;

    /// <summary>The sample as shipped: its source folder in the repository.</summary>
    public static string Source { get; } = Path.Combine(SourceTree.Root, "samples", "gitops-app-demo");

    SampleBuild(string root) => Root = root;

    /// <summary>The copy's root (with .nuke/).</summary>
    public string Root { get; }

    /// <summary>A copy of the sample's .nuke files (and nothing else: these runs need no app sources) in a temporary folder.</summary>
    public static SampleBuild CopyParameterFiles()
    {
        var root = Path.Combine(Path.GetTempPath(), "pipelines-shipped-" + Guid.NewGuid().ToString("N")[..10], "gitops-app-demo");
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        foreach (var file in Directory.GetFiles(Path.Combine(Source, ".nuke"), "parameters*.json"))
            File.Copy(file, Path.Combine(root, ".nuke", Path.GetFileName(file)));
        return new SampleBuild(root);
    }

    /// <summary>The profiles the sample ships: none, and one per .nuke/parameters.&lt;profile&gt;.json.</summary>
    public static IReadOnlyList<string?> Profiles() =>
        [null, .. Directory.GetFiles(Path.Combine(Source, ".nuke"), "parameters.*.json")
            .Select(f => Path.GetFileName(f)["parameters.".Length..^".json".Length]).Order(StringComparer.Ordinal)];

    /// <summary>Runs the sample's build in-process with <paramref name="args"/> in this copy.</summary>
    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var invocation = new BuildInvocation(args, InvocationEnvironment.Of(("KUBECONFIG", null), ("HOME", Root)), stdout, stderr) { RootDirectory = Root };
        var execute = typeof(PipelineBuild).GetMethod(nameof(PipelineBuild.ExecuteAsync))!.MakeGenericMethod(BuildType);
        var exitCode = await (Task<int>)execute.Invoke(null, [invocation, Array.CreateInstance(typeof(System.Linq.Expressions.Expression<>)
            .MakeGenericType(typeof(Func<,>).MakeGenericType(BuildType, typeof(Target))), 0)])!;
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true); }
        catch (IOException) { }
    }
}
