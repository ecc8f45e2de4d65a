using Pipelines.CiGeneration;

namespace Pipelines.Tests.CiGeneration;

/// <summary>The check a CI-host run makes first: committed generated files must equal what the build generates now.</summary>
public sealed class Staleness : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pipelines-ci-stale-").FullName;
    private readonly Planning.BuildDescription _build = SampleBuilds.Describe(SampleBuilds.Scenarios["environment-gate"]);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void WriteGenerated()
    {
        foreach (var file in CiFiles.Generate(_build))
        {
            var path = Path.Combine(_root, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }
    }

    [Fact]
    public void Missing_files_are_stale()
    {
        Assert.Equal([".github/workflows/release.yml", "Jenkinsfile"], CiFiles.FindStale(_root, _build).Select(f => f.RelativePath));
    }

    [Fact]
    public void A_hand_edit_makes_exactly_that_file_stale_and_regenerating_clears_it()
    {
        WriteGenerated();
        Assert.Empty(CiFiles.FindStale(_root, _build));

        var workflow = Path.Combine(_root, ".github", "workflows", "release.yml");
        File.WriteAllText(workflow, File.ReadAllText(workflow).Replace("runs-on: ubuntu-latest", "runs-on: ubuntu-22.04"));
        Assert.Equal([".github/workflows/release.yml"], CiFiles.FindStale(_root, _build).Select(f => f.RelativePath));

        WriteGenerated();
        Assert.Empty(CiFiles.FindStale(_root, _build));
    }

    [Fact]
    public void A_checkout_with_CRLF_line_ends_is_not_stale()
    {
        WriteGenerated();
        var jenkinsfile = Path.Combine(_root, "Jenkinsfile");
        File.WriteAllText(jenkinsfile, File.ReadAllText(jenkinsfile).Replace("\n", "\r\n"));
        Assert.Empty(CiFiles.FindStale(_root, _build));
    }
}
