namespace Pipelines.Tests.Builds;

public sealed class ParameterBuild : PipelineBuild
{
    [Parameter("Build configuration")]
    readonly Configuration Configuration = Configuration.Debug;

    [Parameter("Image tag")]
    readonly string? ImageTag;

    [Parameter("Retry count")]
    readonly int Retries = 3;

    [Parameter("Rollout timeout")]
    readonly TimeSpan? Timeout;

    [Parameter("Registry")]
    readonly Uri? Registry;

    [Parameter("Targets to lint")]
    readonly string[] Paths = [];

    [Parameter("Verbose output")]
    readonly bool Verbose;

    [Parameter("AWS region", EnvironmentVariable = "AWS_REGION")]
    readonly string? AwsRegion;

    [Parameter("Machine that runs the deploy", Name = "deploy-host")]
    new readonly string? Host;

    [Parameter("Deploy token"), Secret]
    readonly string? DeployToken;

    Target Show => _ => _.Executes(() =>
    {
        Log.WriteLine($"value:Configuration={Configuration}");
        Log.WriteLine($"value:ImageTag={ImageTag}");
        Log.WriteLine($"value:Retries={Retries}");
        Log.WriteLine($"value:Timeout={Timeout}");
        Log.WriteLine($"value:Registry={Registry}");
        Log.WriteLine($"value:Paths={string.Join("|", Paths)}");
        Log.WriteLine($"value:Verbose={Verbose}");
        Log.WriteLine($"value:AwsRegion={AwsRegion}");
        Log.WriteLine($"value:Host={Host}");
        Log.WriteLine($"value:HostKind={base.Host}");
        Log.WriteLine($"value:DeployTokenLength={DeployToken?.Length}");
    });
}
