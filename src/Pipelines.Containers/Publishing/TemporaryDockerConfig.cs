using System.Text;
using System.Text.Json.Nodes;
using Pipelines.Containers.Registry;
using Pipelines.Tooling;

namespace Pipelines.Containers.Publishing;

/// <summary>
/// A private, temporary <c>DOCKER_CONFIG</c> directory (mode 0700, <c>config.json</c> 0600) holding one registry login, so a push
/// never touches the user's own docker config and the login is gone when this is disposed. The password and the encoded
/// auth string are registered with the masker before anything is written.
/// </summary>
public sealed class TemporaryDockerConfig : IDisposable
{
    TemporaryDockerConfig(string directory) => DirectoryPath = directory;

    /// <summary>The directory to pass as <c>DOCKER_CONFIG</c>.</summary>
    public string DirectoryPath { get; }

    /// <summary>Writes a config with a login for <paramref name="registry"/>, in <paramref name="parent"/> (the system temp directory when null).</summary>
    public static TemporaryDockerConfig Create(string registry, RegistryCredentials credentials, SecretMasker masker, string? parent = null)
    {
        var directory = Path.Combine(parent ?? Path.GetTempPath(), $"pipelines-docker-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(directory);
        else
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var config = new TemporaryDockerConfig(directory);
        config.Login(registry, credentials, masker);
        return config;
    }

    /// <summary>Replaces the login with <paramref name="credentials"/> for <paramref name="registry"/> (e.g. a refreshed token).</summary>
    public void Login(string registry, RegistryCredentials credentials, SecretMasker masker)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.Username}:{credentials.Password}"));
        masker.Add(credentials.Password);
        masker.Add(auth);
        var config = new JsonObject { ["auths"] = new JsonObject { [registry] = new JsonObject { ["auth"] = auth } } };
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(Path.Combine(DirectoryPath, "config.json"), file);
        stream.Write(Encoding.UTF8.GetBytes(config.ToJsonString()));
    }

    /// <summary>Deletes the directory and the login in it.</summary>
    public void Dispose()
    {
        if (Directory.Exists(DirectoryPath))
            Directory.Delete(DirectoryPath, recursive: true);
    }
}
