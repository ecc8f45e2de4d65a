namespace Pipelines.Containers.Registry;

/// <summary>The manifest (tag or digest) is not in the repository.</summary>
public sealed class ManifestNotFoundException(string message, int statusCode) : RegistryException(message, statusCode);
