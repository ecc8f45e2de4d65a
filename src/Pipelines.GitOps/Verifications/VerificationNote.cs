namespace Pipelines.GitOps;

/// <summary>Where a verification was recorded.</summary>
/// <param name="Commit">The config commit whose note holds it.</param>
/// <param name="Pushes">How many pushes of the notes it took (more than one when other writers landed first).</param>
public sealed record VerificationNote(string Commit, int Pushes);
