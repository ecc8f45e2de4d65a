namespace Pipelines.Kubernetes;

/// <summary>Flux reports the commit cannot be applied (<c>Ready=False</c> for the attempted revision); the message carries Flux's.</summary>
public sealed class FluxReconcileException(string message) : RolloutException(message, []);
