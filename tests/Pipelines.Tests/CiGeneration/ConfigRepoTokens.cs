using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pipelines.CiGeneration;

namespace Pipelines.Tests.CiGeneration;

/// <summary>
/// The token that writes to a config repo in another repository: a GitHub App installation token minted per job or a named
/// secret, never the workflow's GITHUB_TOKEN (generation refuses that in one line); Jenkins binds a named credential; and
/// every action is pinned by commit SHA with its release in a comment.
/// </summary>
public sealed partial class ConfigRepoTokens
{
    private static string Workflow(string scenario) =>
        GeneratedFiles.Generate(scenario).Single(f => f.RelativePath == ".github/workflows/release.yml").Content;

    private static string Jenkinsfile(string scenario) =>
        GeneratedFiles.Generate(scenario).Single(f => f.RelativePath == "Jenkinsfile").Content;

    [Fact]
    public void A_GitHub_App_token_scoped_to_the_config_repo_is_minted_in_every_job_before_the_build_step()
    {
        var text = Workflow("two-repos-app");
        Assert.DoesNotContain("secrets.GITHUB_TOKEN", text, StringComparison.Ordinal);
        var jobs = WorkflowJson.Parse(text)!["jobs"]!.AsObject();
        Assert.Equal(["ci", "cd", "release"], jobs.Select(j => j.Key));
        foreach (var (id, job) in jobs)
        {
            var steps = job!["steps"]!.AsArray().ToList();
            var mint = steps.FindIndex(s => s!["uses"]?.GetValue<string>().StartsWith("actions/create-github-app-token@", StringComparison.Ordinal) == true);
            var build = steps.FindIndex(s => s!["run"] is not null);
            Assert.True(mint >= 0 && mint < build, $"{id}: the token step must come before the build step");
            var with = steps[mint]!["with"]!;
            Assert.Equal("${{ secrets.DEPLOY_APP_ID }}", with["app-id"]!.GetValue<string>());
            Assert.Equal("${{ secrets.DEPLOY_APP_PRIVATE_KEY }}", with["private-key"]!.GetValue<string>());
            Assert.Equal("example-org", with["owner"]!.GetValue<string>());
            Assert.Equal("gitops-config", with["repositories"]!.GetValue<string>());
            Assert.Equal("write", with["permission-contents"]!.GetValue<string>());
            var env = steps[build]!["env"]!;
            Assert.Equal($"${{{{ steps.{steps[mint]!["id"]!.GetValue<string>()}.outputs.token }}}}", env["PIPELINES_GITHUB_TOKEN"]!.GetValue<string>());
            Assert.Equal("${{ secrets.REGISTRY_PASSWORD }}", env["PIPELINES_REGISTRY_PASSWORD"]!.GetValue<string>());
        }
    }

    [Fact]
    public void A_named_secret_fills_the_token_instead()
    {
        var text = Workflow("two-repos-secret");
        Assert.DoesNotContain("secrets.GITHUB_TOKEN", text, StringComparison.Ordinal);
        Assert.DoesNotContain("create-github-app-token", text, StringComparison.Ordinal);
        Assert.Contains("PIPELINES_GITHUB_TOKEN: ${{ secrets.GITOPS_CONFIG_PAT }}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Jenkins_binds_the_named_credential_a_GitHub_App_one_as_username_and_password()
    {
        var app = string.Join(' ', Jenkinsfile("two-repos-app").Split('\n').Select(l => l.Trim()));
        Assert.Contains("usernamePassword(credentialsId: 'deploy-github-app', usernameVariable: 'GITHUB_APP', passwordVariable: 'PIPELINES_GITHUB_TOKEN')",
            app, StringComparison.Ordinal);
        Assert.Contains("string(credentialsId: 'registry-password', variable: 'PIPELINES_REGISTRY_PASSWORD')", Jenkinsfile("two-repos-app"), StringComparison.Ordinal);
        Assert.Contains("string(credentialsId: 'gitops-config-pat', variable: 'PIPELINES_GITHUB_TOKEN')", Jenkinsfile("two-repos-secret"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(ImportedWorkflowToken))]
    [InlineData(typeof(ExplicitWorkflowToken))]
    [InlineData(typeof(SecretNamedGitHubToken))]
    public void The_workflow_token_for_another_repository_is_refused_in_one_line(Type build)
    {
        var error = Assert.Throws<CiConfigurationException>(() => CiFiles.Generate(SampleBuilds.Describe(build)));
        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith("[GitHubActions(\"release\")]: the config repo example-org/gitops-config is another repository", error.Message, StringComparison.Ordinal);
        Assert.Contains("secrets.GITHUB_TOKEN", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConfigRepoTokenSource = GitHubActionsTokenSource.GitHubApp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_workflow_token_for_the_app_repository_itself_is_still_fine()
    {
        var text = CiFiles.Generate(SampleBuilds.Describe(typeof(SameRepository))).Single().Content;
        Assert.Contains("PIPELINES_GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(AppWithoutParameter), "ConfigRepoTokenSource is GitHubApp but ConfigRepoToken names no parameter")]
    [InlineData(typeof(MalformedRepository), "ConfigRepository 'gitops-config' is not owner/name")]
    [InlineData(typeof(MalformedSecretName), "GitHubAppPrivateKeySecret 'private key' is not a GitHub variable or secret name")]
    public void A_contradictory_token_choice_is_refused_in_one_line(Type build, string expected)
    {
        var error = Assert.Throws<CiConfigurationException>(() => CiFiles.Generate(SampleBuilds.Describe(build)));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_action_is_pinned_by_commit_SHA_with_its_release_in_a_comment()
    {
        var pinned = 0;
        foreach (var scenario in SampleBuilds.Scenarios.Keys)
            foreach (var file in GeneratedFiles.Generate(scenario).Where(f => f.RelativePath.EndsWith(".yml", StringComparison.Ordinal)))
                foreach (var line in file.Content.Split('\n').Where(l => l.TrimStart().StartsWith("uses:", StringComparison.Ordinal)))
                {
                    var match = PinnedUses().Match(line);
                    Assert.True(match.Success, $"{scenario}: '{line.Trim()}' is not pinned as owner/name@<sha> # vX.Y.Z");
                    var pin = GitHubActionPins.All[match.Groups["action"].Value];
                    Assert.Equal((pin.Sha, pin.Version), (match.Groups["sha"].Value, match.Groups["version"].Value));
                    pinned++;
                }
        Assert.True(pinned > 50, $"only {pinned} uses: lines were seen");
    }

    [GeneratedRegex(@"^\s+uses: (?<action>[\w.-]+/[\w.-]+)@(?<sha>[0-9a-f]{40}) # (?<version>v\d+\.\d+\.\d+)$")]
    private static partial Regex PinnedUses();

    [GitHubActions("release", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Release"],
        ConfigRepository = "example-org/gitops-config", ImportSecrets = ["GitHubToken"])]
    private sealed class ImportedWorkflowToken;

    [GitHubActions("release", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Release"],
        ConfigRepository = "example-org/gitops-config", ConfigRepoToken = "GitHubToken", ConfigRepoTokenSource = GitHubActionsTokenSource.WorkflowToken)]
    private sealed class ExplicitWorkflowToken;

    [GitHubActions("release", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Release"],
        ConfigRepository = "example-org/gitops-config", ConfigRepoToken = "GitHubToken", ConfigRepoTokenSource = GitHubActionsTokenSource.Secret,
        ConfigRepoTokenSecret = "GITHUB_TOKEN")]
    private sealed class SecretNamedGitHubToken;

    [GitHubActions("release", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Release"], ImportSecrets = ["GitHubToken"])]
    private sealed class SameRepository;

    [GitHubActions("release", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Release"],
        ConfigRepository = "example-org/gitops-config", ConfigRepoTokenSource = GitHubActionsTokenSource.GitHubApp)]
    private sealed class AppWithoutParameter;

    [GitHubActions("release", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Release"],
        ConfigRepository = "gitops-config", ConfigRepoToken = "GitHubToken", ConfigRepoTokenSource = GitHubActionsTokenSource.GitHubApp)]
    private sealed class MalformedRepository;

    [GitHubActions("release", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Release"],
        ConfigRepoToken = "GitHubToken", ConfigRepoTokenSource = GitHubActionsTokenSource.GitHubApp, GitHubAppPrivateKeySecret = "private key")]
    private sealed class MalformedSecretName;
}
