using System.Text;
using static Pipelines.Components.Tests.Hardening.HostileConfig.HostileConfigFiles;

namespace Pipelines.Components.Tests.Hardening.HostileConfig;

/// <summary>
/// Config repos written by someone hostile: links out of the clone and in circles, YAML bombs, files too large, text
/// in UTF-16 and UTF-32, file names holding control characters. Each is met by a target through the engine.
/// </summary>
public static class HostileConfigCorpus
{
    const string Image = HostileConfigScene.Repository;
    const string App = "clusters/dev/app.yaml";

    public static string[] Bump(params string[] scope) =>
        ["BumpConfigRepo", "--config-repo", "{config}", .. scope, "--image-repository", "{repo}", "--image-tag", "v2", "--verify-image", "false"];

    static readonly string[] Init = ["InitConfigRepo", "--config-repo", "{config}", "--image-repository", "{repo}", "--aws-region", "cn-north-1", "--environments", "dev"];

    /// <summary>environments.yaml (dev at clusters/dev) and the given files.</summary>
    static Dictionary<string, byte[]> Repo(params (string Path, byte[] Bytes)[] files)
    {
        var repo = new Dictionary<string, byte[]> { ["environments.yaml"] = Environments() };
        foreach (var (path, bytes) in files)
            repo[path] = bytes;
        return repo;
    }

    static (string, byte[]) Manifest(string path = App, string tag = "v1") => (path, Utf8(Deployment($"{Image}:{tag}")));

    static HostileCase Encoding(string name, Encoding encoding, bool mark) => new($"encodings/{name}", 0, "deploy(app): v1 → v2 [dev]")
    {
        Files = Repo((App, Encoded(Deployment($"{Image}:v1"), encoding, mark))),
        Changed = [App],
        ExpectedBytes = { [App] = Encoded(Deployment($"{Image}:v2"), encoding, mark) },
    };

    public static IReadOnlyList<HostileCase> Cases { get; } =
    [
        // Links: never followed, never written through; reported when left alone, refused when a folder escapes.
        new("links/manifest-link-to-outside-file", 0, "left 1 link as it is", "clusters/dev/outside.yaml")
        {
            Files = Repo(Manifest()),
            Links = { ["clusters/dev/outside.yaml"] = "{outside}/secret.yaml" },
            Changed = [App],
        },
        new("links/file-link-inside-the-clone", 0, "left 1 link as it is", "clusters/dev/alias.yaml")
        {
            Files = Repo(Manifest()),
            Links = { ["clusters/dev/alias.yaml"] = "app.yaml" },
            Changed = [App],
        },
        new("links/directory-loop", 0, "left 2 links as they are", "clusters/dev/a, clusters/dev/b")
        {
            Files = Repo(Manifest()),
            Links = { ["clusters/dev/a"] = ".", ["clusters/dev/b"] = "." },
            Changed = [App],
        },
        new("links/directory-link-to-outside", 0, "left 1 link as it is", "clusters/dev/ext")
        {
            Files = Repo(Manifest()),
            Links = { ["clusters/dev/ext"] = "{outside}/dir" },
            Changed = [App],
        },
        new("links/dangling-manifest-link", 0, "left 1 link as it is", "clusters/dev/gone.yaml")
        {
            Files = Repo(Manifest()),
            Links = { ["clusters/dev/gone.yaml"] = "{outside}/not-there.yaml" },
            Changed = [App],
        },
        new("links/config-path-link-to-outside", 2, "--config-path 'clusters/ext' leads outside the config repo through the link 'clusters/ext'")
        {
            Files = Repo(Manifest()),
            Links = { ["clusters/ext"] = "{outside}/dir" },
            Args = Bump("--config-path", "clusters/ext"),
        },
        new("links/config-path-through-parent-link", 2, "--config-path 'clusters/up/outside/dir' leads outside the config repo through the link 'clusters/up'")
        {
            Files = Repo(Manifest()),
            Links = { ["clusters/up"] = "../.." },
            Args = Bump("--config-path", "clusters/up/outside/dir"),
        },
        new("links/environment-path-link-to-outside", 2, "--environment 'dev' has the path 'clusters/dev', which leads outside the config repo", "environments.yaml")
        {
            Files = Repo(("README.md", Utf8("config\n"))),
            Links = { ["clusters/dev"] = "{outside}/dir" },
        },
        new("links/environments-yaml-link-to-outside", 1, "environments.yaml is a link that leads outside the config repo")
        {
            Files = new() { [App] = Utf8(Deployment($"{Image}:v1")) },
            Links = { ["environments.yaml"] = "{outside}/environments.yaml" },
        },
        new("links/clusters-folder-link-to-outside", 1, "clusters is a link that leads outside the config repo")
        {
            Files = new() { ["README.md"] = Utf8("config\n") },
            Links = { ["clusters"] = "{outside}" },
        },
        new("links/init-through-folder-link", 0, "a link is on their path", "clusters/dev/kustomization.yaml")
        {
            Files = new() { ["README.md"] = Utf8("config\n") },
            Links = { ["clusters"] = "{outside}/dir" },
            Args = Init,
            Untouched = ["clusters"],
        },
        new("links/init-over-dangling-file-link", 0, "a link is on their path", "namespaces/app.yaml")
        {
            Files = new() { ["README.md"] = Utf8("config\n") },
            Links = { ["namespaces/app.yaml"] = "{outside}/created-by-scaffold.yaml" },
            Args = Init,
            Untouched = ["namespaces/app.yaml"],
        },

        // YAML resource bounds: one line naming the file, the process alive, little time and memory.
        new("yaml/billion-laughs", 1, "clusters/dev/bomb.yaml:", "500,000 nodes", "fix the file")
        {
            Files = Repo(Manifest(), ("clusters/dev/bomb.yaml", BillionLaughs())), Bomb = true,
        },
        new("yaml/deep-nesting", 1, "clusters/dev/deep.yaml:11 nests collections more than 1000 levels deep")
        {
            Files = Repo(Manifest(), ("clusters/dev/deep.yaml", Nested(100_000))), Bomb = true,
        },
        new("yaml/deep-nesting-through-aliases", 1, "clusters/dev/deep.yaml:12 nests collections more than 1000 levels deep through its aliases")
        {
            Files = Repo(Manifest(), ("clusters/dev/deep.yaml", NestedThroughAliases())), Bomb = true,
        },
        new("yaml/recursive-alias", 1, "clusters/dev/loop.yaml:11 is not valid YAML", "alias '*self' refers to no complete node before it")
        {
            Files = Repo(Manifest(), ("clusters/dev/loop.yaml", RecursiveAlias())),
        },
        new("yaml/wide-file", 1, "clusters/dev/wide.yaml:11 holds more than 500,000 nodes")
        {
            Files = Repo(Manifest(), ("clusters/dev/wide.yaml", Wide(600_000))), Bomb = true,
        },
        new("yaml/oversized-file", 1, "clusters/dev/big.yaml is 9.0 MiB, more than the 8 MiB a manifest may be")
        {
            Files = Repo(Manifest(), ("clusters/dev/big.yaml", Padded(9 * 1024 * 1024))), Bomb = true,
        },
        new("yaml/environments-billion-laughs", 1, "environments.yaml:", "500,000 nodes")
        {
            Files = new() { ["environments.yaml"] = EnvironmentsBomb(), [App] = Utf8(Deployment($"{Image}:v1")) }, Bomb = true,
        },
        new("yaml/environments-deep-nesting", 1, "environments.yaml:4 nests collections more than 1000 levels deep")
        {
            Files = new() { ["environments.yaml"] = Utf8("environments:\n  dev:\n    path: clusters/dev\ndeep: " + new string('[', 100_000)), [App] = Utf8(Deployment($"{Image}:v1")) },
            Bomb = true,
        },
        new("yaml/environments-sequence-as-name", 1, "environments.yaml:2 is not valid YAML (an environment name must be a plain name, not a sequence)")
        {
            Files = new() { ["environments.yaml"] = Utf8("environments:\n  ? [dev, prod]\n  : {path: clusters/dev}\n"), [App] = Utf8(Deployment($"{Image}:v1")) },
        },
        new("yaml/environments-mapping-as-path", 1, "environments.yaml:3 is not valid YAML (the path of environment 'dev' must be a scalar, not a mapping)")
        {
            Files = new() { ["environments.yaml"] = Utf8("environments:\n  dev:\n    path: {nested: clusters/dev}\n"), [App] = Utf8(Deployment($"{Image}:v1")) },
        },

        // Output: names written in the clone reach the terminal and the CI log escaped, never as raw ESC or BEL.
        new("output/control-characters-in-a-link-name", 0, "left 1 link as it is", @"clusters/dev/evil\x1B]0;pwned\x07.yaml")
        {
            Files = Repo(Manifest()),
            Links = { ["clusters/dev/evil\u001b]0;pwned\u0007.yaml"] = "{outside}/secret.yaml" },
            Changed = [App],
        },
        new("output/control-characters-in-a-broken-manifest-name", 1, @"clusters/dev/evil\x1B[31m\x07.yaml:", "is not valid YAML")
        {
            Files = Repo(Manifest(), ("clusters/dev/evil\u001b[31m\u0007.yaml", Utf8(Deployment($"{Image}:v1") + "broken: [a, b\n"))),
        },

        // Encodings: decoded by their mark (or YAML's zero-byte rule), written back in the same encoding; never skipped.
        Encoding("utf16le-with-mark", new UnicodeEncoding(false, true), mark: true),
        Encoding("utf16be-with-mark", new UnicodeEncoding(true, true), mark: true),
        Encoding("utf32le-with-mark", new UTF32Encoding(false, true), mark: true),
        Encoding("utf32be-with-mark", new UTF32Encoding(true, true), mark: true),
        Encoding("utf16le-without-mark", new UnicodeEncoding(false, false), mark: false),
        new("encodings/utf16-broken", 1, "clusters/dev/app.yaml:1 is not valid YAML (not UTF-16 text)")
        {
            // A lone high surrogate after text that names the image.
            Files = Repo((App, [.. Encoded(Deployment($"{Image}:v1"), new UnicodeEncoding(false, true), mark: true), 0x00, 0xD8])),
        },
        new("encodings/latin1-that-names-the-image", 1, "clusters/dev/app.yaml:1 is not valid YAML (not UTF-8 text)")
        {
            Files = Repo((App, [.. Utf8("# caf"), 0xE9, .. Utf8("\n" + Deployment($"{Image}:v1"))])),
        },
    ];

    public static IEnumerable<object[]> Data => Cases.Select(c => new object[] { c });
}
