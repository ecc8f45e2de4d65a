using Pipelines.CiGeneration;

namespace Pipelines.Tests.CiGeneration;

/// <summary>
/// The key that signs config-repo commits comes from the CI's secret store by name: GitHub secrets into the build step's
/// environment, a Jenkins SSH-key or secret-file credential as a temporary file (its passphrase from the same credential or a
/// secret text). A contradictory choice is refused in one line.
/// </summary>
public sealed class SigningKeys
{
    private static string Workflow(string scenario) =>
        GeneratedFiles.Generate(scenario).Single(f => f.RelativePath == ".github/workflows/release.yml").Content;

    private static string Jenkinsfile(string scenario) =>
        string.Join(' ', GeneratedFiles.Generate(scenario).Single(f => f.RelativePath == "Jenkinsfile").Content.Split('\n').Select(l => l.Trim()));

    [Fact]
    public void Every_job_of_the_workflow_reads_the_key_and_its_passphrase_from_their_named_secrets()
    {
        var jobs = WorkflowJson.Parse(Workflow("signed-ssh"))!["jobs"]!.AsObject();
        Assert.Equal(3, jobs.Count);
        foreach (var (_, job) in jobs)
        {
            var env = job!["steps"]!.AsArray().Single(s => s!["run"] is not null)!["env"]!;
            // Listed in ImportSecrets as well, the key still comes from its own secret, once.
            Assert.Equal("${{ secrets.GITOPS_SIGNING_KEY }}", env["PIPELINES_SIGNING_KEY"]!.GetValue<string>());
            Assert.Equal("${{ secrets.CONFIG_REPO_SIGNING_KEY_PASSPHRASE }}", env["PIPELINES_SIGNING_KEY_PASSPHRASE"]!.GetValue<string>());
            Assert.Equal("${{ secrets.REGISTRY_PASSWORD }}", env["PIPELINES_REGISTRY_PASSWORD"]!.GetValue<string>());
        }
        Assert.DoesNotContain("secrets.SIGNING_KEY }}", Workflow("signed-ssh"), StringComparison.Ordinal);
        Assert.Contains("PIPELINES_SIGNING_KEY: ${{ secrets.CONFIG_REPO_SIGNING_KEY }}", Workflow("signed-openpgp"), StringComparison.Ordinal);
        Assert.DoesNotContain("PASSPHRASE", Workflow("signed-openpgp"), StringComparison.Ordinal);
    }

    [Fact]
    public void Jenkins_binds_an_SSH_key_credential_or_a_secret_file_as_the_key_file()
    {
        var ssh = Jenkinsfile("signed-ssh");
        Assert.Contains("sshUserPrivateKey(credentialsId: 'gitops-signing-key', keyFileVariable: 'PIPELINES_SIGNING_KEY_FILE', " +
                        "passphraseVariable: 'PIPELINES_SIGNING_KEY_PASSPHRASE')", ssh, StringComparison.Ordinal);
        Assert.Equal(3, ssh.Split("sshUserPrivateKey(").Length - 1);
        var openPgp = Jenkinsfile("signed-openpgp");
        Assert.Contains("file(credentialsId: 'config-repo-signing-key', variable: 'PIPELINES_SIGNING_KEY_FILE')", openPgp, StringComparison.Ordinal);
        Assert.Contains("string(credentialsId: 'config-repo-signing-key-passphrase', variable: 'PIPELINES_SIGNING_KEY_PASSPHRASE')", openPgp, StringComparison.Ordinal);
        Assert.DoesNotContain("PIPELINES_SIGNING_KEY'", ssh + openPgp, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(typeof(PassphraseWithoutKey), "[GitHubActions(\"release\")]: SigningKeyPassphrase is set but SigningKey names no parameter")]
    [InlineData(typeof(KeyNotSecret), "[GitHubActions(\"release\")] SigningKey names 'signing-key-file', which is not marked [Secret]")]
    [InlineData(typeof(BadSecretName), "SigningKeySecret 'signing key' is not a GitHub variable or secret name")]
    [InlineData(typeof(JenkinsPassphraseWithoutFile), "[Jenkins]: SigningKeyPassphrase is set but SigningKeyFile names no parameter")]
    [InlineData(typeof(JenkinsEmptyCredential), "[Jenkins]: SigningKeyCredential is empty or holds control characters")]
    public void A_contradictory_signing_choice_is_refused_in_one_line(Type build, string expected)
    {
        var error = Assert.Throws<CiConfigurationException>(() => CiFiles.Generate(SampleBuilds.Describe(build)));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [GitHubActions("release", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Release"], SigningKeyPassphrase = "SigningKeyPassphrase")]
    private sealed class PassphraseWithoutKey;

    [GitHubActions("release", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Release"], SigningKey = "signing-key-file")]
    private sealed class KeyNotSecret;

    [GitHubActions("release", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Release"], SigningKey = "SigningKey", SigningKeySecret = "signing key")]
    private sealed class BadSecretName;

    [Jenkins(InvokedTargets = ["Release"], SigningKeyPassphrase = "SigningKeyPassphrase")]
    private sealed class JenkinsPassphraseWithoutFile;

    [Jenkins(InvokedTargets = ["Release"], SigningKeyFile = "SigningKeyFile", SigningKeyCredential = "")]
    private sealed class JenkinsEmptyCredential;
}
