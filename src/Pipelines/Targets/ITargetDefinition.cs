using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Pipelines;

/// <summary>The fluent definition of a target: what it does, what it needs, and when it runs.</summary>
public interface ITargetDefinition
{
    /// <summary>Describes the target in <c>--help</c> and generated CI files.</summary>
    ITargetDefinition Description(string text);

    /// <summary>Targets that must run (and succeed or be skipped) before this one.</summary>
    ITargetDefinition DependsOn(params Target[] targets);
    /// <summary>Component targets that must run before this one; the build must implement <typeparamref name="T"/>.</summary>
    ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets);
    /// <summary>Like <see cref="DependsOn{T}"/>, but a no-op when the build does not implement <typeparamref name="T"/>.</summary>
    ITargetDefinition TryDependsOn<T>(params Func<T, Target>[] targets);

    /// <summary>Makes this target a dependency of the given targets.</summary>
    ITargetDefinition DependentFor(params Target[] targets);
    /// <summary>Makes this target a dependency of component targets; the build must implement <typeparamref name="T"/>.</summary>
    ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets);
    /// <summary>Like <see cref="DependentFor{T}"/>, but a no-op when the build does not implement <typeparamref name="T"/>.</summary>
    ITargetDefinition TryDependentFor<T>(params Func<T, Target>[] targets);

    /// <summary>Runs after the given targets when they are part of the same run, without pulling them in.</summary>
    ITargetDefinition After(params Target[] targets);
    /// <summary>Runs after component targets when they run; the build must implement <typeparamref name="T"/>.</summary>
    ITargetDefinition After<T>(params Func<T, Target>[] targets);
    /// <summary>Like <see cref="After{T}"/>, but a no-op when the build does not implement <typeparamref name="T"/>.</summary>
    ITargetDefinition TryAfter<T>(params Func<T, Target>[] targets);

    /// <summary>Runs before the given targets when they are part of the same run, without pulling them in.</summary>
    ITargetDefinition Before(params Target[] targets);
    /// <summary>Runs before component targets when they run; the build must implement <typeparamref name="T"/>.</summary>
    ITargetDefinition Before<T>(params Func<T, Target>[] targets);
    /// <summary>Like <see cref="Before{T}"/>, but a no-op when the build does not implement <typeparamref name="T"/>.</summary>
    ITargetDefinition TryBefore<T>(params Func<T, Target>[] targets);

    /// <summary>Runs the given targets after this one.</summary>
    ITargetDefinition Triggers(params Target[] targets);
    /// <summary>Runs component targets after this one; the build must implement <typeparamref name="T"/>.</summary>
    ITargetDefinition Triggers<T>(params Func<T, Target>[] targets);
    /// <summary>Like <see cref="Triggers{T}"/>, but a no-op when the build does not implement <typeparamref name="T"/>.</summary>
    ITargetDefinition TryTriggers<T>(params Func<T, Target>[] targets);

    /// <summary>Runs this target after any of the given targets runs.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);
    /// <summary>Runs this target after component targets; the build must implement <typeparamref name="T"/>.</summary>
    ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets);
    /// <summary>Like <see cref="TriggeredBy{T}"/>, but a no-op when the build does not implement <typeparamref name="T"/>.</summary>
    ITargetDefinition TryTriggeredBy<T>(params Func<T, Target>[] targets);

    /// <summary>
    /// Runs the target only when <paramref name="condition"/> holds, evaluated before anything runs.
    /// When false, the target and the dependencies only it needs are skipped; the condition's text is the reason.
    /// </summary>
    ITargetDefinition OnlyWhenStatic(Expression<Func<bool>> condition, [CallerArgumentExpression(nameof(condition))] string? conditionText = null);

    /// <summary>Runs the target only when <paramref name="condition"/> holds, evaluated just before it would run.</summary>
    ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition, [CallerArgumentExpression(nameof(condition))] string? conditionText = null);

    /// <summary>Requires a parameter to have a value before anything runs (<c>Requires(() => ImageTag)</c>).</summary>
    ITargetDefinition Requires<T>(Expression<Func<T>> parameter, [CallerArgumentExpression(nameof(parameter))] string? parameterText = null);

    /// <summary>Requires a condition to hold before anything runs.</summary>
    ITargetDefinition Requires(Expression<Func<bool>> condition, [CallerArgumentExpression(nameof(condition))] string? conditionText = null);

    /// <summary>Lets the build go on with other targets when this one fails.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>Runs this target even when an earlier target failed or the build was cancelled (clean-up).</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>
    /// A comment the generated CI files carry on each job (GitHub) or stage (Jenkins) that runs this target, for what a reader of
    /// the file should know about it there, e.g. what it needs of the agent. Written as <c>Target: text</c>, wrapped at 100 characters.
    /// </summary>
    ITargetDefinition CiComment(string text);

    /// <summary>Hides the target from <c>--help</c>.</summary>
    ITargetDefinition Unlisted();

    /// <summary>Adds a synchronous action.</summary>
    ITargetDefinition Executes(Action action);

    /// <summary>Adds an asynchronous action that observes cancellation (Ctrl-C, SIGTERM).</summary>
    ITargetDefinition Executes(Func<CancellationToken, Task> action);

    /// <summary>Adds an asynchronous action.</summary>
    ITargetDefinition Executes(Func<Task> action);
}
