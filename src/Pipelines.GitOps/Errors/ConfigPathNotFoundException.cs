using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>The folder to edit does not exist in the config repo, or lies outside it (by <c>..</c> or through a link).</summary>
/// <param name="path">The folder as given, or the environment's name when <paramref name="input"/> is an environment.</param>
/// <param name="problem">What is wrong with it.</param>
/// <param name="input">Which input gave the folder: the config path (the default), or an environment whose path
/// environments.yaml defines.</param>
public sealed class ConfigPathNotFoundException(string path, string problem, Input? input = null)
    : GitOpsException(FailureKind.BadInput, input ?? GitOpsInputs.ConfigPath, $"'{path}' {problem}", RemedyFor(input))
{
    /// <summary>The folder as given (or the environment's name).</summary>
    public string Path { get; } = path;

    /// <summary>What is wrong with it, e.g. <c>does not exist in the config repo</c>.</summary>
    public string Reason { get; } = problem;

    static ErrorText RemedyFor(Input? input) => input is null || ReferenceEquals(input, GitOpsInputs.ConfigPath)
        ? ErrorText.Of($"pass an existing folder, relative to the repo root")
        : ErrorText.Of($"give the environment a folder inside the config repo in {EnvironmentCatalog.FileName}");
}
