using Pipelines;

/// <summary>This repository's own build, written with Pipelines itself.</summary>
partial class Build : PipelineBuild
{
    public static int Main(string[] args) => Execute<Build>(args, x => x.Demo);

    [Parameter("Configuration to build, test and pack")]
    readonly Configuration Configuration = Configuration.Debug;

    string Solution => Path.Combine(RootDirectory, "Pipelines.sln");

    string PackagesDirectory => Path.Combine(ArtifactsDirectory, "packages");

    Target Restore => _ => _
        .Description("Restore the NuGet packages of every project")
        .Executes(ct => Tools.RunAsync("dotnet", ["restore", Solution, "--nologo"], ct: ct));

    Target Compile => _ => _
        .Description("Compile the solution")
        .DependsOn(Restore)
        .Executes(ct => Tools.RunAsync("dotnet", ["build", Solution, "--no-restore", "--nologo", "-c", Configuration.ToString()], ct: ct));

    Target InstallTestTools => _ => _
        .Description("Install the tools the tests start (dockerd, registry, skopeo, git...) when missing")
        .Executes(async ct => Note(await TestTools.EnsureInstalledAsync(Tools, Log, ct)));

    Target Test => _ => _
        .Description("Run every test project")
        .DependsOn(Compile, InstallTestTools)
        .Executes(ct => Tools.RunAsync("dotnet", ["test", Solution, "--no-build", "--nologo", "-c", Configuration.ToString()], ct: ct));

    Target Pack => _ => _
        .Description("Pack the libraries into artifacts/packages")
        .DependsOn(Compile)
        .After(Test)
        .Executes(async ct =>
        {
            var projects = Directory.GetFiles(Path.Combine(RootDirectory, "src"), "*.csproj", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal).ToList();
            foreach (var project in projects)
            {
                await Tools.RunAsync("dotnet", ["pack", project, "--no-build", "--nologo", "-c", Configuration.ToString(), "-o", PackagesDirectory], ct: ct);
            }
            Note($"{projects.Count} packages in artifacts/packages");
        });
}
