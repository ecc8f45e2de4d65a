using Pipelines.Tooling;

namespace Pipelines.Containers.Registry;

/// <summary>The manifest (tag or digest) is not in the repository.</summary>
public sealed class ManifestNotFoundException(ErrorTextBuilder problem, ErrorTextBuilder remedy) : RegistryException(problem, 404, remedy);
