using System.Text;

namespace Pipelines.Components.Tests.Hardening.HostileConfig;

/// <summary>The contents hostile config repos are made of: ordinary manifests, and bombs that each mention the image so
/// that the editor must parse them.</summary>
public static class HostileConfigFiles
{
    const string Repository = HostileConfigScene.Repository;

    public static string Deployment(string image) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
        spec:
          template:
            spec:
              containers:
              - name: app
                image: {image}

        """;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Environments(string devPath = "clusters/dev") => Utf8($"environments:\n  dev:\n    path: {devPath}\n");

    /// <summary>A Deployment of the image, then nine levels of anchors each aliasing the one before nine times: 9^9
    /// scalars once expanded, which a walk of the document visits one by one.</summary>
    public static byte[] BillionLaughs()
    {
        var text = new StringBuilder(Deployment($"{Repository}:v1"));
        text.Append("laughs0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
            text.Append($"laughs{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n");
        return Utf8(text.ToString());
    }

    /// <summary>The Deployment with a value nested <paramref name="levels"/> deep in flow sequences.</summary>
    public static byte[] Nested(int levels) =>
        Utf8(Deployment($"{Repository}:v1") + "deep: " + new string('[', levels) + new string(']', levels) + "\n");

    /// <summary>An anchored value 600 levels deep, aliased 600 levels deep: each half is within the bound, together past it.</summary>
    public static byte[] NestedThroughAliases() =>
        Utf8(Deployment($"{Repository}:v1") + "anchor: &deep " + new string('[', 600) + new string(']', 600) + "\n" +
             "use: " + new string('[', 600) + "*deep" + new string(']', 600) + "\n");

    /// <summary>A collection that contains an alias of itself (a cycle, if it were loaded).</summary>
    public static byte[] RecursiveAlias() => Utf8(Deployment($"{Repository}:v1") + "loop: &self [a, *self]\n");

    /// <summary>The Deployment and a flow sequence of <paramref name="count"/> one-letter scalars.</summary>
    public static byte[] Wide(int count)
    {
        var text = new StringBuilder(Deployment($"{Repository}:v1")).Append("wide: [");
        for (var i = 0; i < count; i++)
            text.Append(i == 0 ? "a" : ",a");
        return Utf8(text.Append("]\n").ToString());
    }

    /// <summary>The Deployment padded with comment lines to <paramref name="bytes"/> bytes.</summary>
    public static byte[] Padded(int bytes)
    {
        var text = new StringBuilder(Deployment($"{Repository}:v1"));
        var line = "# " + new string('x', 125) + "\n";
        while (text.Length + line.Length <= bytes)
            text.Append(line);
        return Utf8(text.ToString());
    }

    /// <summary>environments.yaml with an alias bomb in it.</summary>
    public static byte[] EnvironmentsBomb()
    {
        var text = new StringBuilder("environments:\n  dev:\n    path: clusters/dev\nlaughs0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
            text.Append($"laughs{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n");
        return Utf8(text.ToString());
    }

    /// <summary><paramref name="text"/> in <paramref name="encoding"/>, with its byte order mark when <paramref name="mark"/>.</summary>
    public static byte[] Encoded(string text, Encoding encoding, bool mark = true) => [.. mark ? encoding.GetPreamble() : [], .. encoding.GetBytes(text)];
}
