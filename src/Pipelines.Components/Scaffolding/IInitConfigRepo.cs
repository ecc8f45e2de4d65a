using Pipelines.GitOps;

namespace Pipelines.Components;

/// <summary>
/// InitConfigRepo: writes the GitOps config repo template (workloads, Helm release, Flux sync per environment) for one app
/// into <c>--config-repo</c> and commits it. A git URL or a bare repository is cloned, scaffolded and pushed; a local folder
/// is scaffolded in place (<c>git init</c> first when it is not a repository yet). Files that already differ from the
/// template are left alone, so running it again is safe.
/// </summary>
public interface IInitConfigRepo : IConfigRepoParameters, IAwsParameters
{
    /// <summary>The app's name in the manifests.</summary>
    [Parameter("App name for the config repo's namespace, Deployment, Service and Ingress; defaults to the image repository's last segment")]
    string? AppName => TryGetValue(() => AppName);

    /// <summary>The environments to create.</summary>
    [Parameter("Environments to create under clusters/, e.g. dev prod")]
    string[] Environments => TryGetValue(() => Environments) ?? ["dev", "prod"];

    /// <summary>Scaffolds and commits the config repo.</summary>
    Target InitConfigRepo => _ => _
        .Description("Scaffold the GitOps config repo from the template (--config-repo, --app-name, --image-repository, --environments, --aws-region) and commit it")
        .Requires(() => ConfigRepo)
        .Requires(() => ImageRepository)
        .Requires(() => AwsRegion)
        .TryBefore<IBumpConfigRepo>(x => x.BumpConfigRepo)
        .Executes(ct => ComponentFailures.RunAsync(async () =>
        {
            var target = ConfigRepoLocation.Parse(ConfigRepo!, RootDirectory);
            Secrets.Add(GitHubToken);
            var signingKey = GivenSigningKey();
            var identity = new GitIdentity(GitUserName, GitUserEmail);
            // Opened before the clone, so a key that cannot sign fails before anything else happens; gone when the target ends.
            await using var signer = signingKey is null ? null : await CommitSigner.OpenAsync(signingKey, identity.Email, Tools, ct).ConfigureAwait(false);
            var git = new ScaffoldCommit(new GitCli(Tools, GitHubToken, target.Url, GitTimeout), target, ConfigBranch, identity, signer);
            await git.CheckAsync(Tools, ct).ConfigureAwait(false);
            var workTree = await git.PrepareAsync(ct).ConfigureAwait(false);
            try
            {
                var appName = AppName ?? ImageRepository![(ImageRepository!.LastIndexOf('/') + 1)..];
                var scaffold = await new ConfigRepoScaffolder().ScaffoldAsync(new ConfigRepoScaffoldOptions(
                    workTree, appName, ImageRepository!, Environments, AwsRegion!)
                {
                    GitUrl = target.IsRemote ? target.Url : null,
                    GitBranch = ConfigBranch,
                }, ct).ConfigureAwait(false);
                var commit = await git.CommitAsync(workTree,
                    $"Scaffold the config repo for {appName} ({string.Join(", ", Environments)})", ct).ConfigureAwait(false);
                if (scaffold.HasConflicts)
                    Log.WriteLine($"Left as they are (they differ from the template): {string.Join(", ", scaffold.ConflictingFiles)}");
                if (scaffold.LinkedFiles.Count > 0)
                    Note($"Left as they are (a link is on their path; links are never written through): {string.Join(", ", scaffold.LinkedFiles)}");
                Note(commit is null
                    ? $"{target.Url}: already scaffolded ({scaffold.UnchangedFiles.Count} files as the template has them, {scaffold.ConflictingFiles.Count} changed since)"
                    : $"{target.Url}: {scaffold.WrittenFiles.Count} files for {appName} ({string.Join(", ", Environments)}) in {commit[..7]}");
            }
            finally
            {
                if (target.NeedsClone)
                    ScaffoldCommit.DeleteClone(workTree);
            }
        }));
}
