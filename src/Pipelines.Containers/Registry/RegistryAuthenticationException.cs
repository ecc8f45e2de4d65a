namespace Pipelines.Containers.Registry;

/// <summary>The registry refused the credentials (401/403).</summary>
public sealed class RegistryAuthenticationException(string message, int statusCode) : RegistryException(message, statusCode);
