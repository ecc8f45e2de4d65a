using System.Text;
using Pipelines.GitOps.Tests.Scaffolding;

namespace Pipelines.GitOps.Tests.Hardening;

/// <summary>
/// The editor, the catalog and the scaffolder on trees someone hostile wrote, at the library's edges: the bounds hold
/// exactly at their limits, links are listed and never followed, and text in any Unicode encoding round-trips.
/// </summary>
public sealed class ReadingHostileTrees : IDisposable
{
    const string App = "registry.example.com/team/app";
    readonly TemporaryDirectory tree = new();
    readonly TemporaryDirectory outside = new();

    public void Dispose()
    {
        tree.Dispose();
        outside.Dispose();
    }

    static string Deployment(string tag) => $"kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: {App}:{tag}\n";

    static ImageUpdate Update => new(ImageTarget.Create(App, "v2"));

    void Write(string path, string text) => Write(path, Encoding.UTF8.GetBytes(text));

    void Write(string path, byte[] bytes)
    {
        var full = Path.Combine(tree.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }

    void Link(string path, string target)
    {
        var full = Path.Combine(tree.Path, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
    }

    [Fact]
    public void Links_are_listed_and_never_followed_or_written_through()
    {
        Write("dev/app.yaml", Deployment("v1"));
        File.WriteAllText(Path.Combine(outside.Path, "victim.yaml"), Deployment("v1"));
        Link("dev/a", ".");
        Link("dev/b", "..");
        Link("dev/victim.yaml", Path.Combine(outside.Path, "victim.yaml"));
        Link("dev/outside", outside.Path);
        Link("dev/notes.txt", "/etc/hostname");

        var edit = ConfigTreeEditor.EditTree(tree.Path, "dev", Update);

        Assert.Equal(["dev/app.yaml"], edit.Files.Select(f => f.Path));
        // A link whose name is no manifest's (notes.txt) could not have been edited, so it is not worth a mention.
        Assert.Equal(["dev/a", "dev/b", "dev/outside", "dev/victim.yaml"], edit.Links);
        Assert.Equal(Deployment("v1"), File.ReadAllText(Path.Combine(outside.Path, "victim.yaml")));
        Assert.Equal([ImageReference.Parse(App + ":v2")], ConfigTreeEditor.Find(tree.Path, "dev", App));
    }

    [Theory]
    [InlineData("../outside", "leads outside the config repo")]
    [InlineData("dev/../..", "leads outside the config repo")]
    [InlineData("up/x", "leads outside the config repo through the link 'up'")]
    // A rooted path is still a folder of the tree, never the machine's /etc.
    [InlineData("/etc", "does not exist in the config repo")]
    public void A_folder_that_resolves_outside_the_root_is_refused(string path, string problem)
    {
        Write("dev/app.yaml", Deployment("v1"));
        Link("up", "..");

        var error = Assert.Throws<ConfigPathNotFoundException>(() => ConfigTreeEditor.Edit(tree.Path, path, Update));

        Assert.Contains(problem, error.Message);
        Assert.Equal(Deployment("v1"), File.ReadAllText(Path.Combine(tree.Path, "dev/app.yaml")));
    }

    [Fact]
    public void A_folder_link_that_stays_inside_is_edited_under_its_real_name()
    {
        Write("shared/app.yaml", Deployment("v1"));
        Link("dev", "shared");

        var edit = ConfigTreeEditor.EditTree(tree.Path, "dev", Update);

        Assert.Equal(["shared/app.yaml"], edit.Files.Select(f => f.Path));
    }

    [Fact]
    public void Nesting_loads_up_to_the_bound_and_is_refused_one_past_it()
    {
        string Nested(int levels) => Deployment("v1") + "deep: " + new string('[', levels) + new string(']', levels) + "\n";

        var edit = ManifestEditor.Edit("at.yaml", Nested(ManifestLimits.MaxDepth - 1), Update);
        var error = Assert.Throws<ManifestLimitException>(() => ManifestEditor.Edit("past.yaml", Nested(ManifestLimits.MaxDepth), Update));

        Assert.True(edit.Changed);
        Assert.StartsWith("past.yaml:8 nests collections more than 1000 levels deep", error.Message);
    }

    [Fact]
    public void Aliases_within_the_bound_still_edit_the_anchor_once()
    {
        var text = "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - &c {name: app, image: " + App + ":v1}\n      - *c\n" +
                   "defaults: &d [" + string.Join(",", Enumerable.Repeat("x", 1000)) + "]\n" +
                   "copies: [" + string.Join(",", Enumerable.Repeat("*d", 400)) + "]\n";

        var edit = ManifestEditor.Edit("ok.yaml", text, Update);

        Assert.Single(edit.Changes);
        Assert.Equal(text.Replace(App + ":v1", App + ":v2"), edit.Text);
    }

    [Theory]
    [InlineData("utf-16LE", true)]
    [InlineData("utf-16BE", true)]
    [InlineData("utf-32LE", true)]
    [InlineData("utf-32BE", true)]
    [InlineData("utf-16LE", false)]
    [InlineData("utf-16BE", false)]
    [InlineData("utf-8", true)]
    public void Text_in_each_unicode_encoding_is_rewritten_in_that_encoding(string name, bool mark)
    {
        var encoding = Encoding.GetEncoding(name);
        byte[] Encoded(string text) => [.. mark ? encoding.GetPreamble() : [], .. encoding.GetBytes(text)];
        Write("app.yaml", Encoded(Deployment("v1") + "# café ☕\n"));

        var edits = ConfigTreeEditor.Edit(tree.Path, null, Update);

        Assert.Single(edits);
        Assert.Equal(Convert.ToHexString(Encoded(Deployment("v2") + "# café ☕\n")), Convert.ToHexString(File.ReadAllBytes(Path.Combine(tree.Path, "app.yaml"))));
    }

    [Fact]
    public void A_shorter_rewrite_leaves_no_bytes_of_the_old_text_behind()
    {
        Write("app.yaml", Deployment("a-much-longer-tag") + "# end\n");

        ConfigTreeEditor.Edit(tree.Path, null, Update);

        Assert.Equal(Deployment("v2") + "# end\n", File.ReadAllText(Path.Combine(tree.Path, "app.yaml")));
    }

    [Fact]
    public void The_catalog_refuses_a_non_scalar_name_in_one_line()
    {
        var error = Assert.Throws<ManifestParseException>(() => EnvironmentCatalog.Parse("environments:\n  [a, b]: {path: x}\n"));

        Assert.Equal("environments.yaml:2 is not valid YAML (an environment name must be a plain name, not a sequence); fix the file in the config repo, then run again",
            error.Message);
    }

    [Fact]
    public async Task The_scaffolder_never_writes_or_reads_through_a_link()
    {
        Directory.CreateDirectory(Path.Combine(tree.Path, "namespaces"));
        Link("namespaces/shop.yaml", Path.Combine(outside.Path, "created.yaml"));
        Link("clusters", outside.Path);
        Link("workloads/deployment.yaml", "/etc/passwd");

        var result = await new ConfigRepoScaffolder().ScaffoldAsync(new ConfigRepoScaffoldOptions(tree.Path, "shop", App, ["dev"], "cn-north-1"));

        Assert.Empty(Directory.EnumerateFileSystemEntries(outside.Path));
        Assert.Contains("namespaces/shop.yaml", result.LinkedFiles);
        Assert.Contains("workloads/deployment.yaml", result.LinkedFiles);
        Assert.Contains(result.LinkedFiles, f => f.StartsWith("clusters/dev/", StringComparison.Ordinal));
        Assert.DoesNotContain(result.WrittenFiles, f => result.LinkedFiles.Contains(f));
        Assert.Contains("workloads/service.yaml", result.WrittenFiles);
    }
}
