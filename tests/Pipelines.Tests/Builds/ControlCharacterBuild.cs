namespace Pipelines.Tests.Builds;

/// <summary>Text from outside with terminal control sequences in it: a name a target logs and notes, a tool's output, a failure.</summary>
public sealed class ControlCharacterBuild : PipelineBuild
{
    /// <summary>A file name as a config repo could hold it: a title change (OSC) and a bell, then a colour.</summary>
    public const string Hostile = "evil\u001b]0;pwned\u0007\u001b[31m.yaml";

    Target Show => _ => _.Executes(async ct =>
    {
        Log.WriteLine($"editing {Hostile}");
        Note($"changed {Hostile}");
        await Tools.RunAsync("printf", ["tool says %s\\n", Hostile], noEcho: true, ct: ct);
    });

    Target Fail => _ => _.Executes(() => throw new TargetFailedException($"cannot edit {Hostile}"));

    Target Crash => _ => _.Executes(() => throw new InvalidOperationException($"unexpected {Hostile}"));
}
