using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>The folder to edit does not exist in the config repo, or lies outside it.</summary>
public sealed class ConfigPathNotFoundException(string path, string problem)
    : GitOpsException(FailureKind.BadInput, GitOpsInputs.ConfigPath, $"'{path}' {problem}", $"pass an existing folder, relative to the repo root");
