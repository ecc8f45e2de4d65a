using System.Text;

namespace Pipelines.GitOps.Tests.Editing;

/// <summary>
/// The editor's warm-up: a process's first edit pays YamlDotNet's and the runtime's one-time costs, so every edit (and
/// every config repo change, before it clones) starts an in-memory rehearsal on a thread of its own.
/// </summary>
public sealed class WarmingUpTheEditor
{
    [Fact]
    public void The_rehearsal_goes_through_the_whole_edit_of_a_file()
    {
        // The rehearsal warms nothing unless its manifest passes the prefilter and the parser and gets rewritten.
        var edited = Encoding.UTF8.GetString(EditorWarmUp.Rehearse());

        Assert.Contains("image: warm-up.invalid/app:2 # set by the pipeline\n", edited);
        Assert.DoesNotContain("app:1", edited);
    }
}
