namespace Pipelines.GitOps.Tests.Editing;

/// <summary>Flux image-automation's own setter fixtures, reproduced byte for byte through --image-policy.</summary>
public sealed class FluxSetterFixtures : IDisposable
{
    readonly string tree = TestTrees.CopyToTemp(TestTrees.Data("flux-setters", "original"));

    public void Dispose() => TestTrees.Delete(tree);

    [Fact]
    public void Setting_the_three_policies_gives_fluxs_expected_tree()
    {
        Set("automation-ns:policy", "index.repo.fake/updated", "v1.0.1", null);
        Set("automation-ns:unchanged", "image", "v1.0.0", null);
        Set("automation-ns:policy-with-digest", "image", "v1.0.0", "sha256:6745aaad46d795c9836632e1fb62f24b7e7f4c843144da8e47a5465c411a14be");

        TestTrees.AssertMatches(tree, TestTrees.Data("flux-setters", "original"), TestTrees.Data("flux-setters", "expected"));
    }

    [Fact]
    public void Unmarked_fields_and_other_policies_are_left_alone()
    {
        var edits = ConfigTreeEditor.Edit(tree, null,
            new ImageUpdate(ImageTarget.Create("image", "v9.9.9"), "automation-ns:unchanged"));

        Assert.Equal(["marked.yaml"], edits.Select(e => e.Path));
        Assert.Contains("image: user:v1.0.0", File.ReadAllText(Path.Combine(tree, "otherns.yaml")));
        Assert.Contains("image: image:v1.0.0 # uses", File.ReadAllText(Path.Combine(tree, "unmarked.yaml")));
    }

    void Set(string policy, string repository, string tag, string? digest) =>
        ConfigTreeEditor.Edit(tree, null, new ImageUpdate(ImageTarget.Create(repository, tag, digest), policy));
}
