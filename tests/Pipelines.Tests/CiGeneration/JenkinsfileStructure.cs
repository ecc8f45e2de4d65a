using System.Text.RegularExpressions;

namespace Pipelines.Tests.CiGeneration;

/// <summary>Reads each generated Jenkinsfile back: braces balance and every stage runs the build.</summary>
public sealed partial class JenkinsfileStructure
{
    public static TheoryData<string> ScenariosWithJenkins => new(
        SampleBuilds.Scenarios.Keys.Where(s => GeneratedFiles.Generate(s).Any(f => f.RelativePath == "Jenkinsfile")));

    [Theory]
    [MemberData(nameof(ScenariosWithJenkins))]
    public void Blocks_balance_and_every_stage_runs_the_build(string scenario)
    {
        var text = GeneratedFiles.Generate(scenario).Single(f => f.RelativePath == "Jenkinsfile").Content;
        var blocks = Blocks(text);
        var pipeline = Assert.Single(blocks, b => b.Head == "pipeline" && b.Depth == 0);
        Assert.Single(blocks, b => b.Head == "stages" && b.Depth == 1);
        var stages = blocks.Where(b => b.Head.StartsWith("stage(", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(stages);
        foreach (var stage in stages)
        {
            Assert.Equal(2, stage.Depth);
            Assert.Matches(BuildStep(), stage.Body);
        }
    }

    [Theory]
    [MemberData(nameof(ScenariosWithJenkins))]
    public void Stages_match_the_GitHub_jobs(string scenario)
    {
        var files = GeneratedFiles.Generate(scenario);
        var stageNames = StageName().Matches(files.Single(f => f.RelativePath == "Jenkinsfile").Content).Select(m => m.Groups[1].Value);
        var workflow = WorkflowJson.Parse(files.First(f => f.RelativePath.EndsWith(".yml", StringComparison.Ordinal)).Content)!;
        var jobNames = workflow["jobs"]!.AsObject().Select(j => j.Value!["name"]!.GetValue<string>());
        Assert.Equal(jobNames, stageNames);
    }

    private sealed record Block(string Head, int Depth, string Body);

    /// <summary>Every <c>head { … }</c> block, found by counting braces outside single-quoted strings.</summary>
    private static List<Block> Blocks(string text)
    {
        var blocks = new List<Block>();
        var open = new Stack<(string Head, int Start)>();
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '\'') inString = false;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                i = text.IndexOf('\n', i);
                continue;
            }
            if (c == '\'') inString = true;
            else if (c == '{')
            {
                var lineStart = text.LastIndexOf('\n', i) + 1;
                open.Push((text[lineStart..i].Trim(), i + 1));
            }
            else if (c == '}')
            {
                Assert.True(open.Count > 0, $"unbalanced '}}' at offset {i}");
                var (head, start) = open.Pop();
                blocks.Add(new Block(head, open.Count, text[start..i]));
            }
        }
        Assert.False(inString, "unterminated string");
        Assert.True(open.Count == 0, $"{open.Count} block(s) never closed");
        return blocks;
    }

    [GeneratedRegex(@"^\s*sh '\./build\.sh [A-Za-z]", RegexOptions.Multiline)]
    private static partial Regex BuildStep();

    [GeneratedRegex(@"stage\('([^']*)'\)")]
    private static partial Regex StageName();
}
