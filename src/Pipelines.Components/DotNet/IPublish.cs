using System.Runtime.InteropServices;

namespace Pipelines.Components;

/// <summary>
/// Publish: <c>dotnet publish</c> of the app into the folder the Dockerfile copies (<c>out/</c>), so the image build compiles
/// nothing and needs no SDK image. The app is published self-contained when the chosen base image carries no .NET runtime
/// (the offline Debian base, <c>runtime-deps</c>), framework-dependent otherwise; either way with an app host, so the
/// Dockerfile's <c>ENTRYPOINT ["/app/&lt;name&gt;"]</c> runs on both.
/// </summary>
public interface IPublish : ICompile, IDockerBuild
{
    /// <summary>Where the app is published.</summary>
    [Parameter("Folder the app is published to for the Dockerfile (relative to the root)")]
    string PublishOutput => TryGetValue(() => PublishOutput) ?? "out";

    /// <summary>Self-contained or not, when the base image does not decide it.</summary>
    [Parameter("Publish self-contained (true) or framework-dependent (false); defaults to what the base image needs")]
    bool? SelfContained => TryGetValue<bool>(() => SelfContained);

    /// <summary>Publishes the app for the image.</summary>
    Target Publish => _ => _
        .Description("Publish the app (--project) to --publish-output for the Dockerfile; self-contained when the base image has no .NET runtime")
        .DependsOn<ICompile>(x => x.Compile)
        .DependsOn<IDockerBuild>(x => x.ResolveBaseImage)
        .TryAfter<ITest>(x => x.Test)
        .DependentFor<IDockerBuild>(x => x.DockerBuild)
        .Requires(() => Project)
        .Executes(ct => ComponentFailures.RunAsync(async () =>
        {
            var output = Path.GetFullPath(PublishOutput, RootDirectory);
            if (!output.StartsWith(Path.GetFullPath(RootDirectory), StringComparison.Ordinal))
                throw new InvocationException($"--publish-output '{PublishOutput}' leads outside the repository; pass a folder inside it, e.g. out");
            if (Directory.Exists(output))
                Directory.Delete(output, recursive: true);
            var baseImage = Outputs.Get<BaseImage>(Components.BaseImage.OutputName);
            var selfContained = SelfContained ?? baseImage is { HasDotnetRuntime: false };
            await Tools.RunAsync("dotnet",
                ["publish", Path.GetFullPath(Project!, RootDirectory), "-c", Configuration, "-o", output, "--nologo",
                 "-r", RuntimeIdentifier, $"--self-contained={(selfContained ? "true" : "false")}", .. await VersionPropertiesAsync(ct).ConfigureAwait(false)],
                RootDirectory, ct: ct).ConfigureAwait(false);
            Note($"{Path.GetRelativePath(RootDirectory, output)}/ ({(selfContained ? "self-contained" : "framework-dependent")}, {RuntimeIdentifier})");
        }));

    /// <summary>The runtime the app is published for: from <c>--platform</c>, else this machine's architecture.</summary>
    string RuntimeIdentifier => Platform switch
    {
        "linux/arm64" or "linux/arm64/v8" => "linux-arm64",
        "linux/amd64" => "linux-x64",
        null => RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64",
        var other => throw new InvocationException($"--platform '{other}' cannot be published for; use linux/amd64 or linux/arm64"),
    };
}
