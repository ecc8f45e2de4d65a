using Pipelines.Planning;

namespace Pipelines.CiGeneration;

/// <summary>The <c>withCredentials</c> bindings that hand the build the key signing config-repo commits: Jenkins writes the
/// key to a temporary file for the length of the step and passes its path, so the key never sits in an environment variable.</summary>
internal static partial class Jenkinsfile
{
    /// <summary>The bindings and the parameters they fill; none when the Jenkinsfile signs nothing.</summary>
    private static (IReadOnlyList<string> Bindings, IReadOnlyList<ParameterDescription> Parameters) SigningBindings(BuildDescription build, JenkinsAttribute jenkins, string owner)
    {
        if (jenkins.SigningKeyFile is null)
        {
            if (jenkins.SigningKeyPassphrase is not null)
                throw new CiConfigurationException($"{owner}: SigningKeyPassphrase is set but SigningKeyFile names no parameter; set SigningKeyFile = nameof(IConfigRepoParameters.SigningKeyFile)");
            return ([], []);
        }
        var file = ParameterLookup.Resolve(build, [jenkins.SigningKeyFile], $"{owner} SigningKeyFile")[0];
        var passphrase = jenkins.SigningKeyPassphrase is { } name
            ? ParameterLookup.Resolve(build, [name], $"{owner} SigningKeyPassphrase", secretsOnly: true)[0]
            : null;
        var credential = CredentialId(jenkins.SigningKeyCredential, "SigningKeyCredential", owner);
        var parameters = passphrase is null ? new[] { file } : [file, passphrase];
        // One named argument a line: credential ids and variable names are long, and the linter keeps lines under 120.
        if (jenkins.SigningKeyCredentialKind == JenkinsSigningKeyKind.SshPrivateKey)
            return ([$"sshUserPrivateKey(credentialsId: {GroovyText.Quote(credential)},\n    keyFileVariable: {GroovyText.Quote(file.EnvironmentVariable)}" +
                     (passphrase is null ? ")" : $",\n    passphraseVariable: {GroovyText.Quote(passphrase.EnvironmentVariable)})")], parameters);
        List<string> bindings = [$"file(credentialsId: {GroovyText.Quote(credential)},\n    variable: {GroovyText.Quote(file.EnvironmentVariable)})"];
        if (passphrase is not null)
        {
            var passphraseCredential = CredentialId(jenkins.SigningKeyPassphraseCredential ?? credential + "-passphrase", "SigningKeyPassphraseCredential", owner);
            bindings.Add($"string(credentialsId: {GroovyText.Quote(passphraseCredential)},\n    variable: {GroovyText.Quote(passphrase.EnvironmentVariable)})");
        }
        return (bindings, parameters);
    }

    private static string CredentialId(string credential, string property, string owner) =>
        credential.Length == 0 || credential.Any(char.IsControl)
            ? throw new CiConfigurationException($"{owner}: {property} is empty or holds control characters; give the Jenkins credential id")
            : credential;
}
