using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pipelines.GitOps.Tests.Editing;

/// <summary>
/// The editor builds its tree from YamlDotNet's events instead of YamlDotNet's representation model. It must accept and
/// refuse the same texts with the same words, and hold the same nodes (values, styles, tags, marks, aliases as the
/// same node), or the editor would rewrite other scalars than before.
/// </summary>
public sealed class LoadingLikeYamlDotNet
{
    public static IEnumerable<object[]> Texts()
    {
        foreach (var file in Directory.EnumerateFiles(TestTrees.Data(), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            yield return [Path.GetRelativePath(TestTrees.Data(), file), File.ReadAllText(file)];
        string[] inline =
        [
            "a: 1\na: 2\n",
            "a: 1\n\"a\": 2\n",
            "a: 1\n!!str a: 2\n",
            "outer:\n  a: [1, 2]\n  a: {b: [\n",
            "outer:\n  a: [1, 2]\n  a: {b: c}\n",
            "? [a, b]\n: 1\n? [a, b]\n: 2\n",
            "? {a: b}\n: 1\nc: 2\nc: 3\n",
            "&k a: 1\n*k : 2\n",
            "base: &b {image: x}\nuse: *b\nmerged:\n  <<: *b\n  tag: v1\n",
            "list: &l [a, b]\ncopies: [*l, *l]\n",
            "%YAML 1.1\n%TAG !e! tag:example.com,2000:\n---\n!e!thing {a: !!int 1}\n",
            "---\n---\n...\n",
            "# only a comment\n",
            "",
            "a: [1, 2\n",
            "a:\n\tb: 1\n",
            "a: \"\\q\"\n",
            "a: *missing\n",
            "key: value\n  bad: indent\n",
            "- a\n- b: c\n  d: e\n- [f, {g: h}]\n",
            string.Join("", Enumerable.Range(0, 40).Select(i => $"k{i}: {i}\n")) + "k7: again\n",
            string.Join("", Enumerable.Range(0, 40).Select(i => $"k{i}: {i}\n")),
            "image: |\n  registry.example.com/team/app:1\n",
            "a: b: c\n",
            "spec:\n  containers:\n  - &c {name: app, image: r/app:1}\n  - *c\n",
        ];
        for (var i = 0; i < inline.Length; i++)
            yield return [$"inline {i}", inline[i]];
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Accepts_refuses_and_holds_what_the_representation_model_does(string name, string text)
    {
        YamlStream? model = null;
        YamlException? modelError = null;
        try
        {
            model = new YamlStream();
            model.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            modelError = ex;
        }
        List<ManifestNode>? documents = null;
        ManifestParseException? error = null;
        try
        {
            documents = ManifestDocuments.Load("f.yaml", text);
        }
        catch (ManifestParseException ex)
        {
            error = ex;
        }

        if (modelError is not null)
        {
            Assert.True(error is not null, $"{name}: the model refuses ({modelError.Message}) but the editor's tree loads");
            // An alias to nothing is refused before the model would see it, in words of its own.
            if (modelError is not AnchorNotFoundException)
                Assert.Equal(new ManifestParseException("f.yaml", modelError.Start.Line, Reason(modelError)).Message, error!.Message);
            return;
        }
        Assert.True(error is null, $"{name}: the model loads but the editor's tree refuses: {error?.Message}");
        var roots = model!.Documents.Select(d => d.RootNode).ToList();
        Assert.Equal(roots.Count, documents!.Count);
        var seen = new Dictionary<YamlNode, ManifestNode>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < roots.Count; i++)
            AssertSame(name, roots[i], documents[i], seen);
    }

    static string Reason(YamlException ex)
    {
        var reason = ex.InnerException?.Message ?? ex.Message;
        var cut = reason.IndexOf("): ", StringComparison.Ordinal);
        return (cut >= 0 ? reason[(cut + 3)..] : reason).TrimEnd('.');
    }

    static void AssertSame(string name, YamlNode expected, ManifestNode actual, Dictionary<YamlNode, ManifestNode> seen)
    {
        // An alias is the very node it refers to, in both.
        if (seen.TryGetValue(expected, out var earlier))
        {
            Assert.Same(earlier, actual);
            return;
        }
        seen[expected] = actual;
        Assert.Equal((expected.Start, expected.End), (actual.Start, actual.End));
        switch (expected)
        {
            case YamlScalarNode scalar:
                var other = Assert.IsType<ManifestScalar>(actual);
                Assert.Equal((scalar.Value, scalar.Style, scalar.Tag), (other.Value, other.Style, other.Tag));
                break;
            case YamlSequenceNode sequence:
                var items = Assert.IsType<ManifestSequence>(actual).Items;
                Assert.Equal(sequence.Children.Count, items.Count);
                for (var i = 0; i < items.Count; i++)
                    AssertSame(name, sequence.Children[i], items[i], seen);
                break;
            case YamlMappingNode mapping:
                var pairs = Assert.IsType<ManifestMapping>(actual);
                Assert.Equal(mapping.Style, pairs.Style);
                var children = mapping.Children.ToList();
                Assert.Equal(children.Count, pairs.Count);
                for (var i = 0; i < children.Count; i++)
                {
                    AssertSame(name, children[i].Key, pairs.Keys[i], seen);
                    AssertSame(name, children[i].Value, pairs.Values[i], seen);
                }
                break;
            default:
                Assert.Fail($"{name}: unexpected {expected.GetType().Name}");
                break;
        }
    }
}
