using Pipelines.Planning;

namespace Pipelines.CiGeneration;

/// <summary>How a workflow fills the parameters that sign config-repo commits: the key, and its passphrase when it has one,
/// from named repository or environment secrets into the build step's environment.</summary>
/// <param name="Parameters">The parameters filled, which the workflow's other imported secrets leave alone.</param>
/// <param name="Variables">Each environment variable with the expression that fills it.</param>
internal sealed record GitHubSigningKey(IReadOnlyList<ParameterDescription> Parameters, IReadOnlyList<(string Variable, string Expression)> Variables)
{
    /// <summary>The plan for <paramref name="workflow"/>; null when it signs nothing.</summary>
    public static GitHubSigningKey? Create(BuildDescription build, GitHubActionsAttribute workflow, string owner)
    {
        if (workflow.SigningKey is null)
        {
            if (workflow.SigningKeyPassphrase is not null)
                throw new CiConfigurationException($"{owner}: SigningKeyPassphrase is set but SigningKey names no parameter; set SigningKey = nameof(IConfigRepoParameters.SigningKey)");
            return null;
        }
        var key = ParameterLookup.Resolve(build, [workflow.SigningKey], $"{owner} SigningKey", secretsOnly: true)[0];
        GitHubConfigRepoToken.Name(workflow.SigningKeySecret, "SigningKeySecret", owner);
        var parameters = new List<ParameterDescription> { key };
        var variables = new List<(string, string)> { (key.EnvironmentVariable, $"${{{{ secrets.{workflow.SigningKeySecret} }}}}") };
        if (workflow.SigningKeyPassphrase is { } passphraseName)
        {
            var passphrase = ParameterLookup.Resolve(build, [passphraseName], $"{owner} SigningKeyPassphrase", secretsOnly: true)[0];
            GitHubConfigRepoToken.Name(workflow.SigningKeyPassphraseSecret, "SigningKeyPassphraseSecret", owner);
            parameters.Add(passphrase);
            variables.Add((passphrase.EnvironmentVariable, $"${{{{ secrets.{workflow.SigningKeyPassphraseSecret} }}}}"));
        }
        return new(parameters, variables);
    }
}
