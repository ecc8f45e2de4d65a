using System.Reflection;
using Pipelines.Planning;

namespace Pipelines.CiGeneration;

/// <summary>Generates the CI files a build class declares and checks the committed ones are current.</summary>
public static class CiFiles
{
    /// <summary>Every CI file the build's attributes declare, in a stable order (workflows by name, then the Jenkinsfile).</summary>
    /// <exception cref="CiConfigurationException">An attribute names an unknown target or parameter, or contradicts itself.</exception>
    public static IReadOnlyList<GeneratedFile> Generate(BuildDescription build)
    {
        var workflows = build.BuildType.GetCustomAttributes<GitHubActionsAttribute>(inherit: true).OrderBy(w => w.Name, StringComparer.Ordinal).ToList();
        var duplicate = workflows.GroupBy(w => w.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new CiConfigurationException($"[GitHubActions(\"{duplicate.Key}\")] is declared twice on {build.BuildType.Name}; give each workflow its own name");

        var files = workflows.Select(w => GitHubWorkflow.Generate(build, w)).ToList();
        if (build.BuildType.GetCustomAttribute<JenkinsAttribute>(inherit: true) is { } jenkins)
            files.Add(Jenkinsfile.Generate(build, jenkins));
        return files;
    }

    /// <summary>Files whose committed content differs from what would be generated now (missing files count).
    /// Line endings are compared as LF, so a checkout with <c>core.autocrlf</c> is not reported stale.</summary>
    public static IReadOnlyList<GeneratedFile> FindStale(string rootDirectory, BuildDescription build) =>
        Generate(build).Where(f =>
        {
            var path = Path.Combine(rootDirectory, f.RelativePath);
            return !File.Exists(path) || File.ReadAllText(path).Replace("\r\n", "\n") != f.Content;
        }).ToList();
}
