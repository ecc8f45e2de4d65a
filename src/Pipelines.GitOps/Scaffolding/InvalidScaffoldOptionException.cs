using Pipelines.Tooling;

namespace Pipelines.GitOps;

/// <summary>An app name, image repository, environment, region or tag given to the scaffolder cannot be used.</summary>
public sealed class InvalidScaffoldOptionException(Input input, ErrorTextBuilder problem, ErrorTextBuilder remedy)
    : GitOpsException(FailureKind.BadInput, input, problem, remedy);
