namespace Pipelines.GitOps.Tests.Editing;

/// <summary>Every shape a reference can take, checked byte for byte against hand-written expected files.</summary>
public sealed class ShapeFixtures : IDisposable
{
    const string Repository = "registry.example.com/team/app";
    static readonly string NewDigest = "sha256:" + new string('b', 64);
    readonly string tree = TestTrees.CopyToTemp(TestTrees.Data("shapes", "original"));

    public void Dispose() => TestTrees.Delete(tree);

    [Fact]
    public void Only_references_to_exactly_the_repository_change_and_every_other_byte_stays()
    {
        var edits = ConfigTreeEditor.Edit(tree, null, new ImageUpdate(ImageTarget.Create(Repository, "5d6e7f8", NewDigest)));

        TestTrees.AssertMatches(tree, TestTrees.Data("shapes", "original"), TestTrees.Data("shapes", "expected"));
        Assert.Equal(
            ["anchors.yaml", "crlf.yaml", "deployment.yaml", "helmrelease.yaml", "kustomization.yaml", "multi.yaml"],
            edits.Select(e => e.Path));
    }

    [Fact]
    public void An_anchored_reference_changes_once_at_its_anchor()
    {
        var edits = ConfigTreeEditor.Edit(tree, null, new ImageUpdate(ImageTarget.Create(Repository, "5d6e7f8", NewDigest)));

        var anchors = Assert.Single(edits, e => e.Path == "anchors.yaml");
        var change = Assert.Single(anchors.Changes);
        Assert.Equal(13, change.Line);
        Assert.Equal(Repository + ":1a2b3c4", change.Before);
    }

    [Fact]
    public void A_digest_pinned_reference_without_a_digest_is_refused_and_nothing_is_written()
    {
        var error = Assert.Throws<DigestRequiredException>(() =>
            ConfigTreeEditor.Edit(tree, null, new ImageUpdate(ImageTarget.Create(Repository, "5d6e7f8"))));

        Assert.StartsWith("helmrelease.yaml:16 pins", error.Message);
        Assert.Contains("image digest", error.Message);
        TestTrees.AssertMatches(tree, TestTrees.Data("shapes", "original"), TestTrees.Data("shapes", "original"));
    }

    [Fact]
    public void A_file_already_at_the_image_yields_no_change()
    {
        var edits = ConfigTreeEditor.Edit(tree, "", new ImageUpdate(ImageTarget.Create(Repository, "5d6e7f8", NewDigest)), write: false);

        Assert.DoesNotContain(edits, e => e.Path is "current.yaml" or "configmap.yaml" or "prefix.yaml");
    }

    [Fact]
    public void Broken_yaml_that_mentions_the_image_stops_the_edit_naming_file_and_line()
    {
        File.WriteAllText(Path.Combine(tree, "zz-broken.yaml"), "kind: Pod\nspec:\n  containers:\n  - image: " + Repository + ":1a2b3c4\n   bad: [\n");

        var error = Assert.Throws<ManifestParseException>(() =>
            ConfigTreeEditor.Edit(tree, null, new ImageUpdate(ImageTarget.Create(Repository, "5d6e7f8", NewDigest))));

        Assert.StartsWith("zz-broken.yaml:", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        TestTrees.AssertMatches(tree, TestTrees.Data("shapes", "original"), TestTrees.Data("shapes", "original"));
    }

    [Fact]
    public void Find_lists_what_the_tree_runs()
    {
        var found = ConfigTreeEditor.Find(tree, null, Repository);

        Assert.Contains(ImageReference.Parse(Repository + ":1a2b3c4"), found);
        Assert.Contains(ImageReference.Parse(Repository + ":5d6e7f8"), found);
        Assert.DoesNotContain(found, r => r.Repository != Repository);
    }

    [Theory]
    [InlineData("1234567", "\"1234567\"")]
    [InlineData("1.10", "\"1.10\"")]
    [InlineData("v1.10", "v1.10")]
    public void A_plain_tag_that_yaml_would_read_as_a_number_is_quoted(string tag, string written)
    {
        var text = "kind: Kustomization\nimages:\n- name: " + Repository + "\n  newTag: abc\n";
        var edit = ManifestEditor.Edit("k.yaml", text, new ImageUpdate(ImageTarget.Create(Repository, tag)));

        Assert.Equal(text.Replace("newTag: abc", "newTag: " + written), edit.Text);
    }
}
