namespace Pipelines.GitOps;

/// <summary>A fresh clone of the config repo and the folder a change applies to.</summary>
sealed record Checkout(string Root, string ConfigPath, DeploymentEnvironment? Environment);
