namespace Pipelines.Tests.Builds;

/// <summary>A build given a URL (not a [Secret] parameter) that prints it, its password alone, and has a tool echo both.</summary>
public sealed class UrlSecretBuild : PipelineBuild
{
    [Parameter("A git URL")]
    readonly string? RemoteUrl;

    Target Echo => _ => _.Executes(async ct =>
    {
        var password = new Uri(RemoteUrl!).UserInfo.Split(':')[1];
        Log.WriteLine($"remote is {RemoteUrl}");
        Log.WriteLine($"password alone: {password}");
        Note($"noted {RemoteUrl}");
        await Tools.RunAsync("sh", ["-c", "echo tool says $0 and $1; exit 3", RemoteUrl!, password], ct: ct);
    });
}
