using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pipelines.Testing.GitHub;

/// <summary>
/// GitHub's git-data API over the bare repository of <see cref="AddGitRepository"/>, made with real git plumbing so every id
/// is the one git computes: blobs (<c>hash-object</c>), trees with <c>base_tree</c>, nested paths, inline <c>content</c> and
/// deletion by <c>"sha": null</c> (<c>mktree</c>), commits, and refs (get, create, update with GitHub's fast-forward rule).
/// A commit made with no author, committer or signature is what GitHub signs: its author is the app, its committer
/// <c>GitHub &lt;noreply@github.com&gt;</c>, it carries an SSH signature by the stand-in's own key (trusted through
/// <see cref="WebFlowAllowedSigners"/>, as GitHub's web-flow key is) and GitHub's answer says <c>verified</c>. A commit with
/// a custom author or committer is left unsigned (<c>unsigned</c>), as GitHub does.
/// </summary>
public sealed partial class GitHubStandIn
{
    /// <summary>The app login that authors the commits the stand-in makes for a token.</summary>
    public const string AppLogin = "pipelines-app[bot]";

    static readonly string[] Modes = ["100644", "100755", "040000", "160000", "120000"];
    readonly HashSet<string> signedCommits = [];
    readonly SemaphoreSlim signingKeyGate = new(1, 1);
    string? signingDirectory;

    /// <summary>Every git-data request, as <c>METHOD path</c> under the repository (<c>POST git/blobs</c>), in order; lock it to read.</summary>
    public List<string> GitDataRequests { get; } = [];

    /// <summary>An allowed-signers file that trusts the key the stand-in signs its commits with, for <c>git verify-commit</c>.</summary>
    public string WebFlowAllowedSigners => Path.Combine(signingDirectory ?? throw new InvalidOperationException("no commit was signed yet"), "allowed_signers");

    void MapGitData(RouteGroupBuilder api)
    {
        api.MapPost("/repos/{owner}/{name}/git/blobs", (HttpContext http, string owner, string name) => GitDataAsync(http, owner, name, true, CreateBlobAsync));
        api.MapPost("/repos/{owner}/{name}/git/trees", (HttpContext http, string owner, string name) => GitDataAsync(http, owner, name, true, CreateTreeAsync));
        api.MapPost("/repos/{owner}/{name}/git/commits", (HttpContext http, string owner, string name) => GitDataAsync(http, owner, name, true, CreateCommitAsync));
        api.MapGet("/repos/{owner}/{name}/git/commits/{sha}", (HttpContext http, string owner, string name, string sha) =>
            GitDataAsync(http, owner, name, false, (bare, _) => GetCommitAsync(bare, owner, name, sha)));
        api.MapGet("/repos/{owner}/{name}/git/ref/{**reference}", (HttpContext http, string owner, string name, string reference) =>
            GitDataAsync(http, owner, name, false, (bare, _) => GetReferenceAsync(bare, owner, name, reference, prefixes: false)));
        api.MapGet("/repos/{owner}/{name}/git/refs/{**reference}", (HttpContext http, string owner, string name, string reference) =>
            GitDataAsync(http, owner, name, false, (bare, _) => GetReferenceAsync(bare, owner, name, reference, prefixes: true)));
        api.MapPost("/repos/{owner}/{name}/git/refs", (HttpContext http, string owner, string name) =>
            GitDataAsync(http, owner, name, true, (bare, body) => CreateReferenceAsync(bare, owner, name, body!)));
        api.MapMethods("/repos/{owner}/{name}/git/refs/{**reference}", ["PATCH"], (HttpContext http, string owner, string name, string reference) =>
            GitDataAsync(http, owner, name, true, (bare, body) => UpdateReferenceAsync(bare, owner, name, reference, body!)));
    }

    /// <summary>Checks the token, finds the repository's bare directory and reads the JSON body; then answers with <paramref name="answer"/>.</summary>
    async Task<IResult> GitDataAsync(HttpContext http, string owner, string name, bool write, Func<string, JsonNode?, Task<IResult>> answer)
    {
        if (Authorize(http, owner, name, write) is { } denied)
            return denied;
        lock (GitDataRequests)
            GitDataRequests.Add($"{http.Request.Method} {http.Request.Path.Value![(http.Request.Path.Value!.IndexOf("/git/", StringComparison.Ordinal) + 1)..]}");
        string? bare;
        lock (gate)
            bare = gitRepositories.GetValueOrDefault($"{owner}/{name}");
        if (bare is null)
            return Error(409, "Git Repository is empty.");
        var body = http.Request.ContentLength is > 0 || http.Request.Method is "POST" or "PATCH"
            ? await JsonNode.ParseAsync(http.Request.Body).ConfigureAwait(false)
            : null;
        return await answer(bare, body).ConfigureAwait(false);
    }

    async Task<IResult> CreateBlobAsync(string bare, JsonNode? body)
    {
        if ((string?)body?["content"] is not { } content)
            return Error(422, "Invalid request.\n\n\"content\" wasn't supplied.");
        var encoding = (string?)body["encoding"] ?? "utf-8";
        byte[] bytes;
        try
        {
            bytes = encoding switch
            {
                "base64" => Convert.FromBase64String(content),
                "utf-8" => Encoding.UTF8.GetBytes(content),
                _ => throw new FormatException(),
            };
        }
        catch (FormatException)
        {
            return Error(422, $"Invalid request.\n\nencoding {encoding} with this content is not valid.");
        }
        var sha = await WriteObjectAsync(bare, "blob", bytes).ConfigureAwait(false);
        return Results.Json(new { sha, url = ObjectUrl(bare, "blobs", sha) }, statusCode: 201);
    }

    async Task<IResult> CreateTreeAsync(string bare, JsonNode? body)
    {
        if (body?["tree"] is not JsonArray items)
            return Error(422, "Invalid request.\n\n\"tree\" wasn't supplied.");
        var baseTree = (string?)body["base_tree"];
        if (baseTree is not null && await StandInGit.TypeAsync(bare, baseTree).ConfigureAwait(false) != "tree")
            return Error(422, "base_tree is not a valid tree oid");
        var changes = new List<TreeChange>();
        foreach (var item in items)
        {
            var path = (string?)item?["path"];
            var mode = (string?)item?["mode"];
            var type = (string?)item?["type"];
            if (string.IsNullOrEmpty(path) || path.StartsWith('/') || path.EndsWith('/') || path.Split('/').Any(p => p is "" or "." or ".." or ".git"))
                return Error(422, $"tree.path '{path}' is not a valid path");
            if (mode is null || !Modes.Contains(mode))
                return Error(422, $"tree.mode '{mode}' is not one of {string.Join(", ", Modes)}");
            var expectedType = mode switch { "040000" => "tree", "160000" => "commit", _ => "blob" };
            if (type != expectedType)
                return Error(422, $"tree.type '{type}' does not match mode {mode}");
            var hasSha = item!.AsObject().TryGetPropertyValue("sha", out var shaNode);
            var content = (string?)item["content"];
            string? sha;
            if (content is not null)
            {
                if (type != "blob")
                    return Error(422, "tree.content is only for blobs");
                sha = await WriteObjectAsync(bare, "blob", Encoding.UTF8.GetBytes(content)).ConfigureAwait(false);
            }
            else if (hasSha && shaNode is null)
            {
                // "sha": null deletes the path from the base tree.
                sha = null;
            }
            else
            {
                sha = (string?)shaNode;
                // A submodule's commit lives in another repository; anything else must be here, of the type the mode says.
                if (type != "commit" && await StandInGit.TypeAsync(bare, sha).ConfigureAwait(false) != type)
                    return Error(422, $"tree.sha {sha} is not a valid {type}");
            }
            changes.Add(new TreeChange(path.Split('/'), mode, type, sha));
        }
        var tree = await BuildTreeAsync(bare, baseTree, changes, 0).ConfigureAwait(false);
        var listing = await StandInGit.TextAsync(bare, "ls-tree", "-l", "-z", tree).ConfigureAwait(false) ?? "";
        var entries = listing.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(record =>
        {
            var tab = record.IndexOf('\t');
            var fields = record[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var entry = new JsonObject { ["path"] = record[(tab + 1)..], ["mode"] = fields[0], ["type"] = fields[1], ["sha"] = fields[2] };
            // GitHub gives a size for blobs only.
            if (long.TryParse(fields[3], out var size))
                entry["size"] = size;
            entry["url"] = ObjectUrl(bare, fields[1] + "s", fields[2]);
            return entry;
        }).ToList();
        return Results.Json(new { sha = tree, url = ObjectUrl(bare, "trees", tree), tree = entries, truncated = false }, statusCode: 201);
    }

    /// <summary>One path of a tree request, split into its segments; a null <see cref="Sha"/> deletes it.</summary>
    sealed record TreeChange(string[] Segments, string Mode, string Type, string? Sha);

    /// <summary>The tree <paramref name="baseTree"/> (or an empty one) with <paramref name="changes"/> applied at <paramref name="depth"/>.</summary>
    static async Task<string> BuildTreeAsync(string bare, string? baseTree, IReadOnlyList<TreeChange> changes, int depth)
    {
        var entries = new SortedDictionary<string, (string Mode, string Type, string Sha)>(StringComparer.Ordinal);
        if (baseTree is not null)
        {
            foreach (var record in ((await StandInGit.TextAsync(bare, "ls-tree", "-z", baseTree).ConfigureAwait(false)) ?? "").Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                var tab = record.IndexOf('\t');
                var fields = record[..tab].Split(' ');
                entries[record[(tab + 1)..]] = (fields[0], fields[1], fields[2]);
            }
        }
        foreach (var group in changes.GroupBy(c => c.Segments[depth], StringComparer.Ordinal))
        {
            foreach (var change in group.Where(c => c.Segments.Length == depth + 1))
            {
                if (change.Sha is null)
                    entries.Remove(group.Key);
                else
                    entries[group.Key] = (change.Mode, change.Type, change.Sha);
            }
            var deeper = group.Where(c => c.Segments.Length > depth + 1).ToList();
            if (deeper.Count == 0)
                continue;
            var existing = entries.TryGetValue(group.Key, out var entry) && entry.Type == "tree" ? entry.Sha : null;
            var subtree = await BuildTreeAsync(bare, existing, deeper, depth + 1).ConfigureAwait(false);
            // A directory left empty is no entry at all: git has no empty trees inside a tree.
            if (subtree == EmptyTree)
                entries.Remove(group.Key);
            else
                entries[group.Key] = ("040000", "tree", subtree);
        }
        var input = new StringBuilder();
        foreach (var (name, (mode, type, sha)) in entries)
            input.Append(mode).Append(' ').Append(type).Append(' ').Append(sha).Append('\t').Append(name).Append('\0');
        var (_, output, _) = await StandInGit.RunAsync(bare, Encoding.UTF8.GetBytes(input.ToString()), "mktree", "-z", "--missing").ConfigureAwait(false);
        return Encoding.ASCII.GetString(output).Trim();
    }

    const string EmptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    async Task<IResult> CreateCommitAsync(string bare, JsonNode? body)
    {
        var message = (string?)body?["message"];
        var tree = (string?)body?["tree"];
        if (message is null || tree is null)
            return Error(422, "Invalid request.\n\n\"message\" and \"tree\" are required.");
        if (await StandInGit.TypeAsync(bare, tree).ConfigureAwait(false) != "tree")
            return Error(422, "Tree SHA does not exist");
        var parents = (body!["parents"] as JsonArray)?.Select(p => (string?)p).ToList() ?? [];
        foreach (var parent in parents)
        {
            if (await StandInGit.TypeAsync(bare, parent).ConfigureAwait(false) != "commit")
                return Error(422, "Parent SHA does not exist or is not a commit object");
        }
        var customSignature = (string?)body["signature"];
        var custom = body["author"] is not null || body["committer"] is not null || customSignature is not null;
        var now = DateTimeOffset.UtcNow;
        var author = Identity(body["author"], AppLogin, $"41898282+{AppLogin}@users.noreply.github.com", now);
        // GitHub commits on the app's behalf and signs as itself; a custom committer defaults to the author.
        var committer = body["committer"] is not null ? Identity(body["committer"], author.Name, author.Email, now)
            : custom ? author : ("GitHub", "noreply@github.com", now);
        var payload = new StringBuilder().Append("tree ").Append(tree).Append('\n');
        foreach (var parent in parents)
            payload.Append("parent ").Append(parent).Append('\n');
        payload.Append("author ").Append(Signature(author)).Append('\n').Append("committer ").Append(Signature(committer)).Append('\n');
        var signature = custom ? customSignature : await SignAsync(payload + "\n" + message).ConfigureAwait(false);
        var raw = signature is null
            ? payload + "\n" + message
            : payload + "gpgsig " + signature.TrimEnd('\n').Replace("\n", "\n ", StringComparison.Ordinal) + "\n\n" + message;
        var sha = await WriteObjectAsync(bare, "commit", Encoding.UTF8.GetBytes(raw)).ConfigureAwait(false);
        if (!custom)
        {
            lock (signedCommits)
                signedCommits.Add(sha);
        }
        return Results.Json(await CommitJsonAsync(bare, ownerAndName: RepositoryOf(bare), sha).ConfigureAwait(false), statusCode: 201);
    }

    async Task<IResult> GetCommitAsync(string bare, string owner, string name, string sha) =>
        await StandInGit.TypeAsync(bare, sha).ConfigureAwait(false) == "commit"
            ? Results.Json(await CommitJsonAsync(bare, $"{owner}/{name}", sha).ConfigureAwait(false))
            : Error(404, "Not Found");

    async Task<object> CommitJsonAsync(string bare, string ownerAndName, string sha)
    {
        var raw = await StandInGit.TextAsync(bare, "cat-file", "commit", sha).ConfigureAwait(false) ?? "";
        var split = raw.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = raw[..split].Split('\n');
        string Header(string key) => headers.First(h => h.StartsWith(key + " ", StringComparison.Ordinal))[(key.Length + 1)..];
        var signature = string.Join('\n', headers.SkipWhile(h => !h.StartsWith("gpgsig ", StringComparison.Ordinal)).TakeWhile((h, i) => i == 0 || h.StartsWith(' '))
            .Select(h => h.StartsWith("gpgsig ", StringComparison.Ordinal) ? h[7..] : h[1..]));
        bool signedByGitHub;
        lock (signedCommits)
            signedByGitHub = signedCommits.Contains(sha);
        var payload = string.Join('\n', headers.Where(h => !h.StartsWith("gpgsig ", StringComparison.Ordinal) && !h.StartsWith(' '))) + raw[split..];
        var url = $"{BaseAddress}api/v3/repos/{ownerAndName}/git";
        return new
        {
            sha,
            node_id = "C_" + sha[..12],
            url = $"{url}/commits/{sha}",
            html_url = $"{BaseAddress}{ownerAndName}/commit/{sha}",
            author = IdentityJson(Header("author")),
            committer = IdentityJson(Header("committer")),
            message = raw[(split + 2)..],
            tree = new { sha = Header("tree"), url = $"{url}/trees/{Header("tree")}" },
            parents = headers.Where(h => h.StartsWith("parent ", StringComparison.Ordinal)).Select(h => new { sha = h[7..], url = $"{url}/commits/{h[7..]}", html_url = $"{BaseAddress}{ownerAndName}/commit/{h[7..]}" }),
            verification = new
            {
                verified = signedByGitHub,
                reason = signedByGitHub ? "valid" : signature.Length == 0 ? "unsigned" : "unknown_key",
                signature = signature.Length == 0 ? null : signature + "\n",
                payload = signature.Length == 0 ? null : payload,
                verified_at = signedByGitHub ? "2026-01-01T00:00:00Z" : null,
            },
        };
    }

    async Task<IResult> GetReferenceAsync(string bare, string owner, string name, string reference, bool prefixes)
    {
        var refs = await ReferencesAsync(bare).ConfigureAwait(false);
        var full = "refs/" + reference.TrimEnd('/');
        if (refs.TryGetValue(full, out var exact))
            return Results.Json(ReferenceJson(owner, name, full, exact));
        // The plural path lists every ref under a prefix, as GitHub's does; the singular one is exact.
        var under = refs.Where(r => r.Key.StartsWith(full + "/", StringComparison.Ordinal)).ToList();
        return prefixes && under.Count > 0
            ? Results.Json(under.Select(r => ReferenceJson(owner, name, r.Key, r.Value)))
            : Error(404, "Not Found");
    }

    async Task<IResult> CreateReferenceAsync(string bare, string owner, string name, JsonNode body)
    {
        var reference = (string?)body["ref"];
        var sha = (string?)body["sha"];
        if (reference is null || !reference.StartsWith("refs/", StringComparison.Ordinal) || reference.Count(c => c == '/') < 2 ||
            await StandInGit.TextAsync(bare, "check-ref-format", reference).ConfigureAwait(false) is null)
            return Error(422, "Reference name is invalid");
        if (await StandInGit.TypeAsync(bare, sha).ConfigureAwait(false) is null)
            return Error(422, "Object does not exist");
        if ((await ReferencesAsync(bare).ConfigureAwait(false)).ContainsKey(reference))
            return Error(422, "Reference already exists");
        if (await StandInGit.TextAsync(bare, "update-ref", reference, sha!, "") is null)
            return Error(422, "Reference already exists");
        return Results.Json(ReferenceJson(owner, name, reference, (sha!, (await StandInGit.TypeAsync(bare, sha).ConfigureAwait(false))!)), statusCode: 201);
    }

    async Task<IResult> UpdateReferenceAsync(string bare, string owner, string name, string reference, JsonNode body)
    {
        var full = "refs/" + reference.TrimEnd('/');
        var sha = (string?)body["sha"];
        var force = (bool?)body["force"] ?? false;
        if (!(await ReferencesAsync(bare).ConfigureAwait(false)).TryGetValue(full, out var current))
            return Error(422, "Reference does not exist");
        if (await StandInGit.TypeAsync(bare, sha).ConfigureAwait(false) is not { } type)
            return Error(422, "Object does not exist");
        if (!force && (await StandInGit.RunAsync(bare, null, "merge-base", "--is-ancestor", current.Sha, sha!).ConfigureAwait(false)).ExitCode != 0)
            return Error(422, "Update is not a fast forward");
        // The old value guards against a concurrent update, as GitHub's compare-and-swap does.
        if (await StandInGit.TextAsync(bare, "update-ref", full, sha!, current.Sha).ConfigureAwait(false) is null)
            return Error(422, "Reference cannot be updated");
        return Results.Json(ReferenceJson(owner, name, full, (sha!, type)));
    }

    static async Task<Dictionary<string, (string Sha, string Type)>> ReferencesAsync(string bare)
    {
        var listing = await StandInGit.TextAsync(bare, "for-each-ref", "--format=%(refname) %(objectname) %(objecttype)").ConfigureAwait(false) ?? "";
        return listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' '))
            .ToDictionary(f => f[0], f => (f[1], f[2]), StringComparer.Ordinal);
    }

    object ReferenceJson(string owner, string name, string reference, (string Sha, string Type) target) => new
    {
        @ref = reference,
        node_id = "REF_" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(reference))[..16],
        url = $"{BaseAddress}api/v3/repos/{owner}/{name}/git/{reference}",
        @object = new { type = target.Type, sha = target.Sha, url = $"{BaseAddress}api/v3/repos/{owner}/{name}/git/{target.Type}s/{target.Sha}" },
    };

    static async Task<string> WriteObjectAsync(string bare, string type, byte[] content)
    {
        var (exitCode, output, error) = await StandInGit.RunAsync(bare, content, "hash-object", "-w", "--no-filters", "-t", type, "--stdin").ConfigureAwait(false);
        return exitCode == 0 ? Encoding.ASCII.GetString(output).Trim() : throw new InvalidOperationException("git hash-object: " + error);
    }

    /// <summary>Signs <paramref name="payload"/> as GitHub signs the commits it makes, with a key of the stand-in's own.</summary>
    async Task<string> SignAsync(string payload)
    {
        await signingKeyGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (signingDirectory is null)
            {
                var directory = Directory.CreateTempSubdirectory("pipelines-web-flow-").FullName;
                await RunToolAsync(directory, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "GitHub (stand-in)", "-f", "web-flow").ConfigureAwait(false);
                var publicKey = (await File.ReadAllTextAsync(Path.Combine(directory, "web-flow.pub")).ConfigureAwait(false)).Trim();
                await File.WriteAllTextAsync(Path.Combine(directory, "allowed_signers"), $"noreply@github.com namespaces=\"git\" {publicKey}\n").ConfigureAwait(false);
                signingDirectory = directory;
            }
            var file = Path.Combine(signingDirectory, "payload-" + Guid.NewGuid().ToString("N"));
            await File.WriteAllTextAsync(file, payload).ConfigureAwait(false);
            try
            {
                await RunToolAsync(signingDirectory, "ssh-keygen", "-q", "-Y", "sign", "-n", "git", "-f", "web-flow", file).ConfigureAwait(false);
                return await File.ReadAllTextAsync(file + ".sig").ConfigureAwait(false);
            }
            finally
            {
                File.Delete(file);
                File.Delete(file + ".sig");
            }
        }
        finally
        {
            signingKeyGate.Release();
        }
    }

    static async Task RunToolAsync(string directory, string tool, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(tool) { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Close();
        var error = await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool}: {error}");
    }

    static (string Name, string Email, DateTimeOffset Date) Identity(JsonNode? node, string name, string email, DateTimeOffset now) =>
        ((string?)node?["name"] ?? name, (string?)node?["email"] ?? email,
         (string?)node?["date"] is { } date ? DateTimeOffset.Parse(date, CultureInfo.InvariantCulture) : now);

    static string Signature((string Name, string Email, DateTimeOffset Date) identity) =>
        $"{identity.Name} <{identity.Email}> {identity.Date.ToUnixTimeSeconds()} {(identity.Date.Offset < TimeSpan.Zero ? "-" : "+")}{identity.Date.Offset:hhmm}";

    static object IdentityJson(string header)
    {
        var open = header.LastIndexOf('<');
        var close = header.LastIndexOf('>');
        var fields = header[(close + 2)..].Split(' ');
        var offset = TimeSpan.ParseExact(fields[1][1..], "hhmm", CultureInfo.InvariantCulture) * (fields[1][0] == '-' ? -1 : 1);
        var date = DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields[0], CultureInfo.InvariantCulture)).ToOffset(offset);
        return new { name = header[..open].Trim(), email = header[(open + 1)..close], date = date.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture) };
    }

    string ObjectUrl(string bare, string kind, string sha) => $"{BaseAddress}api/v3/repos/{RepositoryOf(bare)}/git/{kind}/{sha}";

    string RepositoryOf(string bare)
    {
        lock (gate)
            return gitRepositories.First(r => r.Value == bare).Key;
    }
}
