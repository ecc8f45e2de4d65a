using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Pipelines.Tooling;

namespace Pipelines.Kubernetes;

/// <summary>
/// A kubeconfig <c>exec</c> credential plugin (<c>aws eks get-token</c>, kubelogin, gke-gcloud-auth-plugin) run as kubectl runs
/// it: on first use, in the run's environment plus the entry's <c>env</c> and <c>KUBERNETES_EXEC_INFO</c>, with no terminal;
/// its ExecCredential is kept until <c>expirationTimestamp</c> or a 401, then it runs again. Every run is bounded by
/// <see cref="KubernetesConnectionOptions.ExecTimeout"/> and by <see cref="MaxOutput"/>; past either the plugin is killed with
/// its process tree. Failures are one line that names the plugin and never quotes what it printed.
/// </summary>
internal sealed class ExecCredentialPlugin : IBearerToken
{
    /// <summary>An ExecCredential with a client certificate and key is a few kilobytes; anything past this is not one.</summary>
    public const int MaxOutput = 1024 * 1024;

    private static readonly string[] ApiVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];

    private readonly KubeconfigUser _user;
    private readonly KubeconfigExec _exec;
    private readonly KubernetesConnectionOptions _options;
    private readonly string? _clusterInfo;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _clock;
    private Credential? _current;

    private sealed record Credential(string? Token, X509Certificate2? Certificate, DateTimeOffset? Expires);

    /// <summary>Checks the entry as kubectl validates it; the plugin itself runs on first use.</summary>
    /// <exception cref="KubernetesConnectionException">The entry has no command, an unknown apiVersion, a nameless variable, or
    /// asks for an interactive login.</exception>
    public ExecCredentialPlugin(KubeconfigUser user, KubeconfigExec exec, KubernetesConnectionOptions options, string? clusterInfo, TimeProvider? clock = null)
    {
        (_user, _exec, _options, _clusterInfo, _clock) = (user, exec, options, clusterInfo, clock ?? TimeProvider.System);
        if (string.IsNullOrWhiteSpace(exec.Command))
            throw Bad($"has an exec entry without a command", $"name the plugin in exec.command");
        if (!ApiVersions.Contains(exec.ApiVersion))
            throw Bad($"has exec apiVersion '{exec.ApiVersion}'", $"use one kubectl 1.32 speaks: {string.Join(" or ", ApiVersions)}");
        if (exec.Env?.FirstOrDefault(v => string.IsNullOrEmpty(v.Name)) is not null)
            throw Bad($"has an exec env entry without a name", $"give each entry a name and a value");
        var mode = exec.InteractiveMode;
        if (mode is null && exec.ApiVersion == ApiVersions[0])
            throw Bad($"has an exec entry without interactiveMode, which apiVersion v1 requires", $"add interactiveMode: Never (or IfAvailable)");
        if (mode is not (null or "Never" or "IfAvailable" or "Always"))
            throw Bad($"has exec interactiveMode '{mode}'", $"use Never, IfAvailable or Always");
        if (mode == "Always")
            throw Bad($"has an exec plugin that always needs an interactive login, and a pipeline has no terminal for it",
                $"set interactiveMode: Never or IfAvailable, or log in beforehand and use a token");
    }

    /// <summary>The client certificate the plugin last gave, if any.</summary>
    public X509Certificate2? Certificate => Volatile.Read(ref _current)?.Certificate;

    /// <summary>The plugin's command as written in the kubeconfig.</summary>
    public string Command => _exec.Command!;

    public async ValueTask<string?> GetAsync(CancellationToken ct) => (await EnsureAsync(ct).ConfigureAwait(false)).Token;

    public void Refused() => Volatile.Write(ref _current, null);

    /// <summary>The current credential, running the plugin when there is none or it has expired.</summary>
    public async ValueTask<(string? Token, X509Certificate2? Certificate)> EnsureAsync(CancellationToken ct)
    {
        if (Fresh(Volatile.Read(ref _current)) is { } held) return (held.Token, held.Certificate);
        // Parallel watches start together; they share one run of the plugin.
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Fresh(Volatile.Read(ref _current)) is { } again) return (again.Token, again.Certificate);
            var credential = await RunAsync(ct).ConfigureAwait(false);
            Volatile.Write(ref _current, credential);
            return (credential.Token, credential.Certificate);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Credential? Fresh(Credential? credential) =>
        credential is null || (credential.Expires is { } at && at <= _clock.GetUtcNow()) ? null : credential;

    private async Task<Credential> RunAsync(CancellationToken ct)
    {
        var executable = Locate();
        var environment = new Dictionary<string, string?>(_options.EffectiveEnvironment, StringComparer.Ordinal);
        foreach (var variable in _exec.Env ?? [])
            environment[variable.Name!] = variable.Value ?? "";
        environment["KUBERNETES_EXEC_INFO"] = ExecInfo();
        BoundedProcess.Outcome outcome;
        try
        {
            outcome = await BoundedProcess.RunAsync(executable, _exec.Args ?? [], environment, _user.Directory, _options.ExecTimeout, MaxOutput, ct).ConfigureAwait(false);
        }
        catch (BoundedProcess.TimedOutException e)
        {
            throw Failed($"did not finish within {_options.ExecTimeout} and was stopped with its child processes",
                $"check the plugin (e.g. its network path to the identity provider), or raise {KubernetesInputs.ExecTimeout} if it needs longer", e);
        }
        catch (BoundedProcess.TooMuchOutputException e)
        {
            throw Failed($"printed more than {MaxOutput / 1024} KiB, which is no ExecCredential, and was stopped with its child processes", $"check the plugin", e);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw Failed($"cannot be started ({e.Message})", $"check that {executable} is an executable program", e);
        }
        if (outcome.ExitCode != 0)
            throw Failed($"exited with code {outcome.ExitCode}{LastLine(outcome.Errors)}", $"run the plugin by hand to see why, and fix its configuration or login");
        return Parse(outcome.Output);
    }

    // kubectl's rule: a command with a path separator is relative to the kubeconfig's folder; a bare name is looked up on PATH.
    private string Locate()
    {
        var command = _exec.Command!;
        if (Path.IsPathRooted(command) || command.Contains('/') || command.Contains(Path.DirectorySeparatorChar))
        {
            var path = _user.Resolve(command);
            return File.Exists(path) ? path : throw NotFound($"'{command}' does not exist");
        }
        foreach (var directory in (_options.Variable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, command);
            if (File.Exists(candidate)) return candidate;
            if (OperatingSystem.IsWindows() && File.Exists(candidate + ".exe")) return candidate + ".exe";
        }
        throw NotFound($"'{command}' is not on PATH");
    }

    private KubernetesCredentialException NotFound(string what) =>
        new(FailureKind.Failure, KubernetesInputs.Kubeconfig, $"user '{_user.Name}' has an exec credential plugin, but {what}",
            $"{(_exec.InstallHint is { Length: > 0 } hint ? OneLine(hint, 300) : "install it, or put it on the PATH of this run")}");

    private string ExecInfo()
    {
        var spec = new Dictionary<string, object?> { ["interactive"] = false };
        if (_exec.ProvideClusterInfo && _clusterInfo is not null) spec["cluster"] = JsonDocument.Parse(_clusterInfo).RootElement;
        return JsonSerializer.Serialize(new Dictionary<string, object?> { ["apiVersion"] = _exec.ApiVersion, ["kind"] = "ExecCredential", ["spec"] = spec });
    }

    // Nothing the plugin printed reaches the message: it may be, or hold, the credential.
    private Credential Parse(byte[] output)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(output);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Failed($"printed {output.Length} bytes that are not JSON, where an ExecCredential was expected", $"run the plugin by hand and check what it prints", e);
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw Failed($"printed JSON that is not an ExecCredential object", $"run the plugin by hand and check what it prints");
        var apiVersion = Text(root, "apiVersion");
        if (apiVersion != _exec.ApiVersion)
            throw Failed($"answered with another apiVersion than the kubeconfig's {_exec.ApiVersion}",
                $"make exec.apiVersion match the plugin's version");
        if (Text(root, "kind") != "ExecCredential")
            throw Failed($"printed JSON whose kind is not ExecCredential", $"run the plugin by hand and check what it prints");
        var status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var token = status.ValueKind == JsonValueKind.Object ? Text(status, "token") : null;
        var certificate = status.ValueKind == JsonValueKind.Object ? Text(status, "clientCertificateData") : null;
        var key = status.ValueKind == JsonValueKind.Object ? Text(status, "clientKeyData") : null;
        _options.Secrets?.AddRange([token, key]);
        if (string.IsNullOrEmpty(token) && (string.IsNullOrEmpty(certificate) || string.IsNullOrEmpty(key)))
            throw Failed($"answered an ExecCredential with neither status.token nor status.clientCertificateData and clientKeyData", $"check the plugin's login");
        DateTimeOffset? expires = null;
        if (status.ValueKind == JsonValueKind.Object && Text(status, "expirationTimestamp") is { } stamp)
            expires = DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
                : throw Failed($"answered an expirationTimestamp that is not an RFC 3339 time", $"check the plugin");
        X509Certificate2? pair = null;
        if (!string.IsNullOrEmpty(certificate) && !string.IsNullOrEmpty(key))
        {
            try
            {
                pair = X509Certificate2.CreateFromPem(certificate, key);
            }
            catch (CryptographicException e)
            {
                throw Failed($"answered a client certificate and key that are not a matching PEM pair", $"check the plugin", e);
            }
        }
        return new Credential(string.IsNullOrEmpty(token) ? null : token, pair, expires);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string LastLine(string errors) =>
        errors.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) is { } last ? ": " + OneLine(last, 200) : "";

    private static string OneLine(string text, int max)
    {
        var line = ControlCharacters.Escape(text.ReplaceLineEndings(" ").Trim());
        return line.Length <= max ? line : line[..max] + "…";
    }

    private KubernetesConnectionException Bad(ErrorTextBuilder problem, ErrorTextBuilder remedy)
    {
        var what = ErrorText.Of(problem);
        return new(KubernetesInputs.Kubeconfig, $"user '{_user.Name}' {what}", remedy);
    }

    private KubernetesCredentialException Failed(ErrorTextBuilder problem, ErrorTextBuilder remedy, Exception? inner = null)
    {
        var what = ErrorText.Of(problem);
        return new(FailureKind.Failure, KubernetesInputs.Kubeconfig, $"user '{_user.Name}': the exec credential plugin {OneLine(Path.GetFileName(_exec.Command!), 80)} {what}", remedy, inner);
    }
}
