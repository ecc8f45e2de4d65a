using Pipelines.Tooling;

namespace Pipelines.Containers.Registry;

/// <summary>The registry refused the credentials (401/403) or asks for a kind of authentication this client does not speak.</summary>
public sealed class RegistryAuthenticationException(ErrorTextBuilder problem, int statusCode, ErrorTextBuilder remedy) : RegistryException(problem, statusCode, remedy);
