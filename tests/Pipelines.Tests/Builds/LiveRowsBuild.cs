namespace Pipelines.Tests.Builds;

public sealed class LiveRowsBuild : PipelineBuild
{
    [Parameter("A token shown in a row, which must be masked"), Secret]
    readonly string? ApiToken;

    Target Watch => _ => _.Executes(() =>
    {
        Log.WriteLine(Live is null ? "no live display" : "live display");
        Live?.SetRow("web", "web: 1/3 updated");
        Log.WriteLine("first step");
        Live?.SetRow("api", $"api: 0/2 updated with {ApiToken}");
        Live?.SetRow("web", "web: 3/3 updated");
        Log.WriteLine("second step");
        Live?.SetRow("web", null);
        Live?.SetRow("api", null);
        Log.WriteLine("rows removed");
    });
}
