namespace Pipelines;

/// <summary>
/// Rows redrawn in place under the live status line of an interactive terminal, e.g. one row per workload of a rollout.
/// Available only there (<see cref="IPipelineBuild.Live"/> is null on CI hosts and for redirected output, where a target
/// writes lines instead). Rows pass through the secret masker like all other output.
/// </summary>
public interface ILiveDisplay
{
    /// <summary>Shows <paramref name="text"/> as the row <paramref name="key"/>, replacing its previous text (new rows go last);
    /// null removes the row.</summary>
    void SetRow(string key, string? text);
}
