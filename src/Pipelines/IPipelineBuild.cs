using System.Linq.Expressions;
using Pipelines.Tooling;

namespace Pipelines;

/// <summary>
/// What every build and component sees of the running build. Components are interfaces deriving from this one,
/// declaring parameters as properties with a default getter
/// (<c>[Parameter] string? ImageTag => TryGetValue(() => ImageTag);</c>) and targets with default bodies.
/// </summary>
public interface IPipelineBuild
{
    /// <summary>The value bound to a reference-type parameter (command line, environment, parameters.json), or null.</summary>
    /// <param name="parameter">The parameter member, e.g. <c>() => ImageTag</c>.</param>
    /// <param name="_">Unused; selects this overload for reference types.</param>
    T? TryGetValue<T>(Expression<Func<T>> parameter, ReferenceTypeOnly<T>? _ = null) where T : class?;

    /// <summary>The value bound to a value-type parameter, or null (so <c>?? default</c> supplies the default).</summary>
    /// <param name="parameter">The parameter member, e.g. <c>() => RolloutTimeout</c>.</param>
    /// <param name="_">Unused; selects this overload for value types.</param>
    T? TryGetValue<T>(Expression<Func<T>> parameter, ValueTypeOnly<T>? _ = null) where T : struct;

    /// <summary>The value bound to a nullable value-type parameter, or null.</summary>
    /// <param name="parameter">The parameter member, e.g. <c>() => Retries</c> for an <c>int?</c> property.</param>
    T? TryGetValue<T>(Expression<Func<T?>> parameter) where T : struct;

    /// <summary>The repository root (the directory holding <c>.nuke/</c>).</summary>
    string RootDirectory { get; }

    /// <summary><see cref="RootDirectory"/>/artifacts.</summary>
    string ArtifactsDirectory { get; }

    /// <summary>Every <c>[Secret]</c> value is registered here; add tokens obtained at run time.</summary>
    SecretMasker Secrets { get; }

    /// <summary>Runs tools; their output goes through the masker into the current target's output.</summary>
    ProcessRunner Tools { get; }

    /// <summary>Where a target writes its own lines (redacted; buffered per target under <c>--parallel</c>).</summary>
    TextWriter Log { get; }

    /// <summary>Adds a note to the running target's row in the summary.</summary>
    void Note(string text);

    /// <summary>Rows drawn in place under the terminal's live status line; null when the output is not an interactive terminal.</summary>
    ILiveDisplay? Live { get; }

    /// <summary>Typed values handed between targets and CI jobs.</summary>
    BuildOutputs Outputs { get; }

    /// <summary>The CI host the build runs on.</summary>
    CiHost Host { get; }

    /// <summary>
    /// The environment variables of this run: the process's for <see cref="PipelineBuild.Execute{T}"/>, exactly those given for
    /// <see cref="PipelineBuild.ExecuteAsync{T}"/>. Components read variables here, never from the process, and every tool
    /// <see cref="Tools"/> starts gets exactly these.
    /// </summary>
    IReadOnlyDictionary<string, string?> EnvironmentVariables { get; }

    /// <summary>The command-line arguments after <c>--</c>, for a target that hands them to another build or tool.</summary>
    IReadOnlyList<string> ForwardedArguments { get; }
}
