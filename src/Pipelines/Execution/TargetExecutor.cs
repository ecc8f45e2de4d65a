using System.Diagnostics;
using System.Reflection;
using Pipelines.Hosts;
using Pipelines.Planning;
using Pipelines.Tooling;

namespace Pipelines.Execution;

/// <summary>
/// Runs planned targets in order (or, with <c>--parallel</c>, each as soon as its predecessors finish). After a failure
/// or cancellation only <c>AssuredAfterFailure</c> targets still run; a cancelled run gives them a fresh token.
/// </summary>
internal sealed class TargetExecutor(BuildSession session, HostOutput host, TextWriter output, CancellationToken cancellation)
{
    readonly object _outputGate = new();
    volatile bool _stopped;
    volatile bool _cancelled;

    /// <summary>The message of an <see cref="InvocationException"/> a target threw (a bad input found late): exit code 2.</summary>
    public string? InvocationFailure { get; private set; }

    public async Task RunSequentialAsync(IReadOnlyList<PlannedTarget> plan)
    {
        foreach (var target in plan)
            await RunAsync(target, output);
    }

    public async Task RunParallelAsync(IReadOnlyList<PlannedTarget> plan)
    {
        var tasks = new Dictionary<PlannedTarget, Task>();
        foreach (var target in plan)
        {
            var predecessors = target.Predecessors.Select(p => tasks[p]).ToArray();
            tasks[target] = Task.Run(async () =>
            {
                await Task.WhenAll(predecessors);
                // Each target's output is buffered and printed whole, so parallel targets never interleave.
                var buffer = new StringWriter();
                var writer = TextWriter.Synchronized(buffer);
                await RunAsync(target, writer);
                lock (_outputGate)
                {
                    output.Write(buffer.ToString());
                    output.Flush();
                }
            });
        }
        await Task.WhenAll(tasks.Values);
    }

    async Task RunAsync(PlannedTarget target, TextWriter writer)
    {
        var definition = target.Model.Definition;
        if (target.Status == TargetStatus.Skipped)
        {
            host.TargetSkipped(writer, target);
            return;
        }
        if (cancellation.IsCancellationRequested)
        {
            _cancelled = true;
            _stopped = true;
        }
        if (_stopped && !definition.Assured)
        {
            target.Status = TargetStatus.NotRun;
            target.Reason = _cancelled ? "cancelled" : "an earlier target failed";
            target.Notes.Add(target.Reason);
            return;
        }
        var failedDependency = target.Predecessors.FirstOrDefault(p =>
            target.Model.DependsOn.Contains(p.Model) && p.Status is TargetStatus.Failed or TargetStatus.NotRun);
        if (failedDependency is not null && !definition.Assured)
        {
            target.Status = TargetStatus.NotRun;
            target.Reason = $"{failedDependency.Name} did not succeed";
            target.Notes.Add(target.Reason);
            return;
        }

        var token = definition.Assured && _cancelled ? CancellationToken.None : cancellation;
        var stopwatch = Stopwatch.StartNew();
        var started = false;
        session.Enter(target, writer);
        try
        {
            foreach (var condition in definition.DynamicConditions)
            {
                if (condition.Evaluate() is not true)
                {
                    target.Status = TargetStatus.Skipped;
                    target.Reason = $"condition false: {condition.Text}";
                    host.TargetSkipped(writer, target);
                    return;
                }
            }
            if (definition.Actions.Count == 0)
            {
                target.Status = TargetStatus.Collective;
                return;
            }
            host.TargetStarted(writer, target);
            started = true;
            foreach (var action in definition.Actions)
                await action(token);
            target.Status = TargetStatus.Succeeded;
        }
        catch (Exception ex) when ((ex is TargetInvocationException { InnerException: { } wrapped } ? wrapped : ex) is TargetSkippedException skipped)
        {
            target.Status = TargetStatus.Skipped;
            target.Reason = skipped.Reason;
            host.TargetSkipped(writer, target);
        }
        catch (Exception ex)
        {
            target.Status = TargetStatus.Failed;
            var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            if (cause is OperationCanceledException && token.IsCancellationRequested)
            {
                _cancelled = true;
                target.Notes.Add("cancelled");
                host.TargetFailed(writer, target, "cancelled");
            }
            else
            {
                var (line, badInput) = Describe(cause, target.Name);
                if (badInput)
                    InvocationFailure ??= line;
                host.TargetFailed(writer, target, line);
            }
            if (!definition.Proceed || _cancelled)
                _stopped = true;
        }
        finally
        {
            stopwatch.Stop();
            target.Duration = stopwatch.Elapsed;
            session.Leave();
            // A target that skipped itself after it started still closes what TargetStarted opened (a CI log group).
            if (target.Status is TargetStatus.Succeeded or TargetStatus.Failed || started)
                host.TargetFinished(writer, target);
            writer.Flush();
        }
    }

    /// <summary>
    /// The one line a failure is shown as, and whether it is a bad invocation (exit 2). Failures that explain themselves are
    /// printed as they are; anything else is unexpected: one line here, the stack trace in a log file.
    /// </summary>
    (string Line, bool BadInput) Describe(Exception cause, string targetName) => cause switch
    {
        InvocationException e => (OneLine(e.Message), true),
        TargetFailedException e => (OneLine(e.Message), false),
        PipelinesException e => (e.Describe(), e.Kind == FailureKind.BadInput),
        _ => (FailureLog.Record(session.RootDirectory, targetName, cause, session.Masker), false),
    };

    static string OneLine(string message) => ControlCharacters.Escape(message.ReplaceLineEndings(" "));
}
