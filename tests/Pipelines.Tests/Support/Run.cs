using System.Linq.Expressions;

namespace Pipelines.Tests.Support;

/// <summary>Runs a test build in-process with its own arguments, environment, root and captured writers.</summary>
public static class Run
{
    public static async Task<BuildResult> Build<T>(
        string[] args,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? root = null,
        CancellationToken ct = default,
        Func<TextWriter, TextWriter>? wrapOut = null,
        params Expression<Func<T, Target>>[] defaults)
        where T : PipelineBuild, new()
    {
        using var owned = root is null ? new TestRoot() : null;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var invocation = new BuildInvocation(args, environment ?? new Dictionary<string, string?>(), wrapOut?.Invoke(stdout) ?? stdout, stderr)
        {
            RootDirectory = root ?? owned!.Path,
            CancellationToken = ct,
        };
        var exitCode = await PipelineBuild.ExecuteAsync(invocation, defaults);
        return new BuildResult(exitCode, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }

    public static Dictionary<string, string?> Env(params (string Name, string? Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);
}
