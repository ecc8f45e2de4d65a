using System.Linq.Expressions;
using System.Runtime.InteropServices;
using Pipelines.Execution;

namespace Pipelines;

public abstract partial class PipelineBuild
{
    /// <summary>
    /// Runs the build from <c>Main</c>: parses <paramref name="args"/>, plans, runs and prints the summary.
    /// Returns 0 on success, 1 when a target failed, 2 on a bad invocation.
    /// </summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="defaultTargets">Targets run when none is named, e.g. <c>x => x.Compile</c>.</param>
    public static int Execute<T>(string[] args, params Expression<Func<T, Target>>[] defaultTargets) where T : PipelineBuild, new()
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            environment[(string)entry.Key] = entry.Value as string;

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl-C cancels the running target and lets clean-up run; a second one ends the process.
            if (cancellation.IsCancellationRequested)
                return;
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });

        var realOut = Console.Out;
        var realError = Console.Error;
        var invocation = new BuildInvocation(args, environment, realOut, realError)
        {
            Ansi = !Console.IsOutputRedirected && !environment.ContainsKey("NO_COLOR") && environment.GetValueOrDefault("TERM") != "dumb",
            CancellationToken = cancellation.Token,
        };
        try
        {
            return BuildRunner.RunAsync(invocation, () => new T(), typeof(T), DefaultTargetNames(defaultTargets), redirectConsole: true)
                .GetAwaiter().GetResult();
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            Console.SetOut(realOut);
            Console.SetError(realError);
        }
    }

    /// <summary>
    /// Runs the build in-process with everything it reads given explicitly (arguments, environment, root, writers).
    /// Touches no global state, so tests can run many builds side by side.
    /// </summary>
    /// <param name="invocation">The arguments, environment, root directory and writers.</param>
    /// <param name="defaultTargets">Targets run when none is named.</param>
    /// <returns>0 on success, 1 when a target failed, 2 on a bad invocation.</returns>
    public static Task<int> ExecuteAsync<T>(BuildInvocation invocation, params Expression<Func<T, Target>>[] defaultTargets)
        where T : PipelineBuild, new() =>
        BuildRunner.RunAsync(invocation, () => new T(), typeof(T), DefaultTargetNames(defaultTargets), redirectConsole: false);

    static IReadOnlyList<string> DefaultTargetNames<T>(Expression<Func<T, Target>>[] defaultTargets) =>
        defaultTargets.Select(e => e.Body switch
        {
            MemberExpression member => member.Member.Name,
            _ => throw new ArgumentException($"default target '{e}' must be a target property such as x => x.Compile"),
        }).ToList();
}
