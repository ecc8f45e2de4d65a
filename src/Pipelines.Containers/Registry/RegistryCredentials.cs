namespace Pipelines.Containers.Registry;

/// <summary>A registry user name and password (or token). The password is a secret: it is never printed.</summary>
/// <param name="Username">User name.</param>
/// <param name="Password">Password or token.</param>
public sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"{Username}:***";
}
