using System.Text;
using Pipelines.GitOps;

namespace Pipelines.GitOps.Tests;

/// <summary>Which files are worth parsing: files that cannot hold a reference are skipped before YAML parsing.</summary>
public class CandidateFiles
{
    static readonly ImageUpdate Update = new(ImageTarget.Create("registry.example.com/team/app", "5d6e7f8"));

    [Theory]
    [InlineData("image: registry.example.com/team/app:1a2b3c4\n")]
    [InlineData("image:\n  registry: registry.example.com\n  repository: team/app\n  tag: 1a2b3c4\n")]
    [InlineData("image: {registry: \"registry.example.com\", repository: 'team/app', tag: v1}\n")]
    [InlineData("image:\r\n  registry: registry.example.com/team\r\n  repository: app\r\n")]
    public void A_whole_or_split_reference_makes_a_file_a_candidate(string text) =>
        Assert.True(Update.IsMentionedIn(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("image: registry.example.com/team/svc00042:1a2b3c4\n- name: app\n")]
    [InlineData("labels: {app: svc}\nimage: registry.example.com/other/app:1\n")]
    [InlineData("kind: ConfigMap\n")]
    public void Sibling_repositories_that_share_a_part_do_not(string text) =>
        Assert.False(Update.IsMentionedIn(Encoding.UTF8.GetBytes(text)));
}
