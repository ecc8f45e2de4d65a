using System.Text.RegularExpressions;
using Pipelines.Planning;

namespace Pipelines.CiGeneration;

/// <summary>
/// How a workflow fills the parameter that writes to the config repo: which expression its build step reads, and the
/// <c>actions/create-github-app-token</c> step that mints it when it comes from a GitHub App. Refuses a workflow that would
/// hand <c>secrets.GITHUB_TOKEN</c> to a config repo in another repository, where GitHub answers every write with 403.
/// </summary>
internal sealed partial record GitHubConfigRepoToken(ParameterDescription Parameter, string Expression, YamlMap? Step)
{
    public const string StepId = "config-repo-token";

    /// <summary>The plan for <paramref name="workflow"/>; null when it names no config-repo token. <paramref name="imported"/> are
    /// the workflow's other imported secrets, checked for the workflow token too.</summary>
    public static GitHubConfigRepoToken? Create(BuildDescription build, GitHubActionsAttribute workflow, string owner,
        IReadOnlyList<ParameterDescription> imported)
    {
        if (workflow.ConfigRepository is { } repository && !RepositoryName().IsMatch(repository))
            throw new CiConfigurationException($"{owner}: ConfigRepository '{repository}' is not owner/name; give the config repo as on GitHub, e.g. \"example-org/gitops-config\"");
        if (workflow.ConfigRepoToken is null)
        {
            if (workflow.ConfigRepoTokenSource != GitHubActionsTokenSource.WorkflowToken)
                throw new CiConfigurationException($"{owner}: ConfigRepoTokenSource is {workflow.ConfigRepoTokenSource} but ConfigRepoToken names no parameter; set ConfigRepoToken = nameof(IConfigRepoParameters.GitHubToken)");
            if (imported.FirstOrDefault(ReadsWorkflowToken) is { } reader)
                RefuseWorkflowTokenFor(workflow, owner, reader.MemberName);
            return null;
        }

        var parameter = ParameterLookup.Resolve(build, [workflow.ConfigRepoToken], $"{owner} ConfigRepoToken", secretsOnly: true)[0];
        switch (workflow.ConfigRepoTokenSource)
        {
            case GitHubActionsTokenSource.GitHubApp:
                Name(workflow.GitHubAppIdSecret, "GitHubAppIdSecret", owner);
                Name(workflow.GitHubAppPrivateKeySecret, "GitHubAppPrivateKeySecret", owner);
                return new(parameter, $"${{{{ steps.{StepId}.outputs.token }}}}", AppTokenStep(workflow));
            case GitHubActionsTokenSource.Secret:
                Name(workflow.ConfigRepoTokenSecret, "ConfigRepoTokenSecret", owner);
                if (workflow.ConfigRepoTokenSecret == "GITHUB_TOKEN")
                    RefuseWorkflowTokenFor(workflow, owner, parameter.MemberName);
                return new(parameter, $"${{{{ secrets.{workflow.ConfigRepoTokenSecret} }}}}", null);
            default:
                RefuseWorkflowTokenFor(workflow, owner, parameter.MemberName);
                return new(parameter, "${{ secrets.GITHUB_TOKEN }}", null);
        }
    }

    /// <summary>An imported secret that <c>secrets.SCREAMING_SNAKE</c> of its name makes the workflow token.</summary>
    private static bool ReadsWorkflowToken(ParameterDescription secret) => Naming.ScreamingSnake(secret.Name) == "GITHUB_TOKEN";

    private static void RefuseWorkflowTokenFor(GitHubActionsAttribute workflow, string owner, string parameter)
    {
        if (workflow.ConfigRepository is { } repository)
            throw new CiConfigurationException(
                $"{owner}: the config repo {repository} is another repository, and {parameter} would be secrets.GITHUB_TOKEN, which GitHub scopes to this one (pushes get 403); " +
                $"set ConfigRepoToken = nameof({parameter}) with ConfigRepoTokenSource = GitHubActionsTokenSource.GitHubApp or .Secret");
    }

    private static YamlMap AppTokenStep(GitHubActionsAttribute workflow)
    {
        var with = new YamlMap
        {
            { "app-id", $"${{{{ secrets.{workflow.GitHubAppIdSecret} }}}}" },
            { "private-key", $"${{{{ secrets.{workflow.GitHubAppPrivateKeySecret} }}}}" },
        };
        if (workflow.ConfigRepository is { } repository)
        {
            // Scoped to the config repo alone: the token can write nowhere else, whatever else the app is installed on.
            var slash = repository.IndexOf('/');
            with.Add("owner", repository[..slash]);
            with.Add("repositories", repository[(slash + 1)..]);
        }
        // Only what a bump needs: commits and pull requests.
        with.Add("permission-contents", "write");
        with.Add("permission-pull-requests", "write");
        return new YamlMap
        {
            { "name", "Create the config repo token" },
            { "id", StepId },
            { "uses", GitHubActionPins.Uses("actions/create-github-app-token") },
            { "with", with },
        };
    }

    /// <summary>Refuses <paramref name="value"/> when it cannot name a GitHub secret.</summary>
    internal static void Name(string value, string property, string owner)
    {
        if (!SecretName().IsMatch(value))
            throw new CiConfigurationException($"{owner}: {property} '{value}' is not a GitHub variable or secret name; use letters, digits and '_', not starting with a digit");
    }

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex RepositoryName();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SecretName();
}
