namespace Pipelines.Tests.Builds;

public sealed class SecretBuild : PipelineBuild
{
    [Parameter("Registry password"), Secret]
    readonly string? RegistryPassword;

    Target Leak => _ => _.Executes(async ct =>
    {
        Log.WriteLine($"password is {RegistryPassword}");
        Log.Write("split: " + RegistryPassword![..4]);
        Log.WriteLine(RegistryPassword[4..]);
        Note($"logged in with {RegistryPassword}");
        await Tools.RunAsync("sh", ["-c", "echo child says $PIPELINES_REGISTRY_PASSWORD; echo child err $PIPELINES_REGISTRY_PASSWORD >&2"],
            environment: new Dictionary<string, string?> { ["PIPELINES_REGISTRY_PASSWORD"] = RegistryPassword }, ct: ct);
        await Tools.RunAsync("sh", ["-c", "echo failing with $0; exit 3", RegistryPassword], ct: ct);
    });
}
