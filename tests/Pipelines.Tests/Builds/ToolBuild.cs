namespace Pipelines.Tests.Builds;

/// <summary>Independent targets that run child processes, for checking where tool output lands under --parallel.</summary>
public sealed class ToolBuild : PipelineBuild
{
    Target First => _ => _.Executes(ct => Tools.RunAsync("sh", ["-c", "echo tool-out-First; echo tool-err-First >&2"], noEcho: true, ct: ct));

    Target Second => _ => _.Executes(ct => Tools.RunAsync("sh", ["-c", "echo tool-out-Second; echo tool-err-Second >&2"], noEcho: true, ct: ct));

    Target Third => _ => _.Executes(ct => Tools.RunAsync("sh", ["-c", "echo tool-out-Third; echo tool-err-Third >&2"], noEcho: true, ct: ct));

    Target All => _ => _.DependsOn(First, Second, Third);
}
