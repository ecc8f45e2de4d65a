namespace Pipelines.GitOps;

/// <summary>What a gated promotion rested on: the verification that let it through, or the forcing that overrode the gate.</summary>
/// <param name="Required">The soak the source environment had to show.</param>
/// <param name="Record">The verification that met it; null when none did.</param>
/// <param name="Forced">The promotion went ahead without one, because it was forced.</param>
/// <param name="Shortfall">Why no verification met it, when none did (e.g. "no verification of it was recorded").</param>
/// <param name="Ignored">Note lines that were not usable records (garbled, oversized, on another commit or branch).</param>
public sealed record PromotionEvidence(TimeSpan Required, VerificationRecord? Record, bool Forced, string? Shortfall, int Ignored)
{
    /// <summary>One line for a summary.</summary>
    public string Describe() => Record is { } r
        ? $"verified: {r.Describe()}"
        : $"promoted UNVERIFIED (forced): {Shortfall}";
}
