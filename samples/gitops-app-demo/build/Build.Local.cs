using Pipelines;
using Pipelines.Components;

/// <summary>What only the local run needs: a config repo made from the template, and its diff at the end.</summary>
partial class Build
{
    /// <summary>A local path (the default artifacts/config-repo.git), as opposed to a git URL that already exists.</summary>
    bool ConfigRepoIsLocal => Config.ConfigRepo is { } repo && !repo.Contains("://", StringComparison.Ordinal) && !repo.Contains('@');

    /// <summary>Local runs start from the template; CI runs deploy to the real config repo, which is never re-scaffolded.</summary>
    Target LocalConfigRepo => _ => _
        .Description("Create the local config repo (a bare repository under artifacts/) from the template")
        .OnlyWhenStatic(() => ConfigRepoIsLocal)
        .DependsOn<IInitConfigRepo>(x => x.InitConfigRepo)
        .DependentFor<ICd>(x => x.Cd);

    /// <summary>What the deploy changed, printed after the run so the whole flow can be followed in one terminal.</summary>
    Target ShowConfigChange => _ => _
        .Description("Print the config repo's newest commit (git show --stat -p HEAD)")
        .OnlyWhenStatic(() => ConfigRepoIsLocal)
        .TriggeredBy<ICd>(x => x.Cd)
        .Executes(async ct =>
        {
            var repo = Path.GetFullPath(Config.ConfigRepo!, RootDirectory);
            var head = await Tools.RunAsync("git", ["show", "--stat", "-p", "--format=commit %H%nAuthor: %an <%ae>%n%n    %s%n%n%b", "HEAD"], repo, quiet: true, ct: ct);
            Log.WriteLine(head.StandardOutput.TrimEnd());
            Note($"{Path.GetRelativePath(RootDirectory, repo)} at {head.StandardOutput[7..14]}");
        });

    IConfigRepoParameters Config => this;
}
