namespace Pipelines.GitOps;

/// <summary>An image repository, tag or digest given to a bump is malformed or mutable (such as <c>latest</c>).</summary>
public sealed class InvalidImageException(string input, string problem, string remedy)
    : GitOpsException(input, problem, remedy);
