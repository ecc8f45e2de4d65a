namespace Pipelines.GitOps;

/// <summary>An app name, image repository, environment, region or tag given to the scaffolder cannot be used.</summary>
public sealed class InvalidScaffoldOptionException(string input, string problem, string remedy)
    : GitOpsException(input, problem, remedy);
