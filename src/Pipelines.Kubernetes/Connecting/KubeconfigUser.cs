using YamlDotNet.Serialization;

namespace Pipelines.Kubernetes;

/// <summary>
/// A kubeconfig <c>users[].user</c> entry with every field kubectl 1.32 reads, <c>tokenFile</c> and the exec plugin's
/// <c>interactiveMode</c> included (the client library's model has neither). Paths are relative to <see cref="Directory"/>.
/// </summary>
internal sealed class KubeconfigUser
{
    [YamlMember(Alias = "token")] public string? Token { get; set; }
    [YamlMember(Alias = "tokenFile")] public string? TokenFile { get; set; }
    [YamlMember(Alias = "client-certificate", ApplyNamingConventions = false)] public string? ClientCertificate { get; set; }
    [YamlMember(Alias = "client-certificate-data", ApplyNamingConventions = false)] public string? ClientCertificateData { get; set; }
    [YamlMember(Alias = "client-key", ApplyNamingConventions = false)] public string? ClientKey { get; set; }
    [YamlMember(Alias = "client-key-data", ApplyNamingConventions = false)] public string? ClientKeyData { get; set; }
    [YamlMember(Alias = "username")] public string? Username { get; set; }
    [YamlMember(Alias = "password")] public string? Password { get; set; }
    [YamlMember(Alias = "as")] public string? ImpersonateUser { get; set; }
    [YamlMember(Alias = "as-uid", ApplyNamingConventions = false)] public string? ImpersonateUid { get; set; }
    [YamlMember(Alias = "as-groups", ApplyNamingConventions = false)] public List<string>? ImpersonateGroups { get; set; }
    [YamlMember(Alias = "as-user-extra", ApplyNamingConventions = false)] public Dictionary<string, List<string>>? ImpersonateExtra { get; set; }
    [YamlMember(Alias = "auth-provider", ApplyNamingConventions = false)] public KubeconfigAuthProvider? AuthProvider { get; set; }
    [YamlMember(Alias = "exec")] public KubeconfigExec? Exec { get; set; }

    /// <summary>The directory of the kubeconfig file that defines the user: relative paths resolve against it, as kubectl does.</summary>
    [YamlIgnore] public string Directory { get; set; } = "";

    /// <summary>The user's name in the kubeconfig.</summary>
    [YamlIgnore] public string Name { get; set; } = "";

    /// <summary><paramref name="path"/> made absolute against <see cref="Directory"/>.</summary>
    public string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Directory, path));
}

/// <summary>A kubeconfig <c>auth-provider</c> entry.</summary>
internal sealed class KubeconfigAuthProvider
{
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "config")] public Dictionary<string, string>? Config { get; set; }
}

/// <summary>A kubeconfig <c>exec</c> credential plugin entry (client.authentication.k8s.io).</summary>
internal sealed class KubeconfigExec
{
    [YamlMember(Alias = "apiVersion")] public string? ApiVersion { get; set; }
    [YamlMember(Alias = "command")] public string? Command { get; set; }
    [YamlMember(Alias = "args")] public List<string>? Args { get; set; }
    [YamlMember(Alias = "env")] public List<KubeconfigExecVariable>? Env { get; set; }
    [YamlMember(Alias = "installHint")] public string? InstallHint { get; set; }
    [YamlMember(Alias = "provideClusterInfo")] public bool ProvideClusterInfo { get; set; }
    [YamlMember(Alias = "interactiveMode")] public string? InteractiveMode { get; set; }
}

/// <summary>One <c>exec.env</c> entry.</summary>
internal sealed class KubeconfigExecVariable
{
    [YamlMember(Alias = "name")] public string? Name { get; set; }
    [YamlMember(Alias = "value")] public string? Value { get; set; }
}
