using Pipelines.CiGeneration;
using Pipelines.Planning;

namespace Pipelines.Tests.CiGeneration;

/// <summary>Build classes that declare CI, each with the flow graph of the sample app (the seam the generators read).</summary>
public static class SampleBuilds
{
    public enum DeployEnvironment { Dev, Prod }

    // Compile → Test → DockerBuild → PushEcr → Ci;  BumpConfigRepo (after PushEcr) → WaitRollout → Cd;  Release = Ci + Cd.
    private static readonly TargetDescription[] Targets =
    [
        Target("Compile"),
        Target("Test", dependsOn: ["Compile"]),
        Target("DockerBuild", dependsOn: ["Test"]),
        Target("PushEcr", dependsOn: ["DockerBuild"]),
        Target("Ci", dependsOn: ["PushEcr"]),
        Target("BumpConfigRepo", after: ["PushEcr"]),
        Target("WaitRollout", dependsOn: ["BumpConfigRepo"]),
        Target("Cd", dependsOn: ["WaitRollout"]),
        Target("Release", dependsOn: ["Ci", "Cd"]),
        Target("Promote"),
    ];

    private static readonly ParameterDescription[] Parameters =
    [
        Parameter("AutoRollback", typeof(bool), "Roll back to the previous tag when the rollout fails"),
        Parameter("ConfigRepoToken", typeof(string), "Token that may push to the config repo", secret: true),
        Parameter("Environment", typeof(DeployEnvironment), "Environment to deploy to", required: true),
        // As the GitOps components declare it: bound from GITHUB_TOKEN too, so secrets.GITHUB_TOKEN is what ImportSecrets reads.
        new("github-token", "GitHubToken", typeof(string), "GitHub token: pushes over HTTPS and opens pull requests", "PIPELINES_GITHUB_TOKEN", "GITHUB_TOKEN", true, false),
        Parameter("ImageTag", typeof(string), "Tag of the image to deploy"),
        Parameter("RegistryPassword", typeof(string), "Password of the image registry", secret: true),
        Parameter("RolloutTimeoutMinutes", typeof(int?), "Minutes to wait for the rollout"),
        Parameter("SigningKey", typeof(string), "Private key that signs config-repo commits, as text", secret: true),
        Parameter("SigningKeyFile", typeof(string), "File holding the private key that signs config-repo commits"),
        Parameter("SigningKeyPassphrase", typeof(string), "Passphrase of the signing key", secret: true),
    ];

    /// <summary>Scenario name → build class.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Scenarios = new Dictionary<string, Type>
    {
        ["single-job"] = typeof(SingleJob),
        ["two-jobs"] = typeof(TwoJobs),
        ["secrets"] = typeof(Secrets),
        ["oidc"] = typeof(Oidc),
        ["environment-gate"] = typeof(EnvironmentGate),
        ["dispatch-inputs"] = typeof(DispatchInputs),
        ["matrix"] = typeof(Matrix),
        ["two-repos-app"] = typeof(TwoReposApp),
        ["two-repos-secret"] = typeof(TwoReposSecret),
        ["signed-ssh"] = typeof(SignedSsh),
        ["signed-openpgp"] = typeof(SignedOpenPgp),
    };

    public static BuildDescription Describe(Type buildType) =>
        new(buildType, Targets, Parameters, DefaultTargets: ["Release"]);

    private static TargetDescription Target(string name, string[]? dependsOn = null, string[]? after = null) =>
        new(name, null, dependsOn ?? [], after ?? [], [], Unlisted: false, [], typeof(SampleBuilds));

    private static ParameterDescription Parameter(string member, Type type, string description, bool secret = false, bool required = false)
    {
        var name = string.Concat(member.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
        return new(name, member, type, description, "PIPELINES_" + name.Replace('-', '_').ToUpperInvariant(), null, secret, required);
    }

    [GitHubActions("ci",
        On = [GitHubActionsTrigger.Push, GitHubActionsTrigger.PullRequest],
        OnPushBranches = ["main"], OnPushPaths = ["src/**", "!docs/**"],
        OnPullRequestBranches = ["main"],
        InvokedTargets = ["Ci"])]
    [Jenkins(InvokedTargets = ["Ci"], AgentLabel = "linux", JUnitReports = "artifacts/test-results/*.xml")]
    public sealed class SingleJob;

    [CiJob("Ci")]
    [GitHubActions("release", On = [GitHubActionsTrigger.Push], OnPushBranches = ["main"], InvokedTargets = ["Release"])]
    [Jenkins(InvokedTargets = ["Release"], GitHubPush = true)]
    public sealed class TwoJobs;

    [GitHubActions("ci", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Ci"], ImportSecrets = ["ConfigRepoToken", "registry-password"])]
    [Jenkins(InvokedTargets = ["Ci"], ImportSecrets = ["ConfigRepoToken", "registry-password"], KubernetesPodTemplate = "deploy/jenkins-agent-pod.yaml", KubernetesDefaultContainer = "dotnet")]
    public sealed class Secrets;

    [GitHubActions("ci", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Ci"],
        ReadPermissions = [GitHubActionsPermission.Contents, GitHubActionsPermission.PullRequests],
        AwsRoleToAssume = "arn:aws-cn:iam::123456789012:role/pipelines-ci", AwsRegion = "cn-north-1", Profiles = ["ecr-cn"])]
    [Jenkins(InvokedTargets = ["Ci"], Profiles = ["ecr-cn"], AgentLabel = "linux")]
    public sealed class Oidc;

    [CiJob("Ci")]
    [CiJob("Cd", Environment = "prod", EnvironmentUrl = "https://app.example.com")]
    [GitHubActions("release",
        On = [GitHubActionsTrigger.Push], OnPushBranches = ["main"],
        InvokedTargets = ["Release"],
        ImportSecrets = ["ConfigRepoToken"],
        ReadPermissions = [GitHubActionsPermission.Contents], WritePermissions = [GitHubActionsPermission.IdToken],
        Concurrency = "release-${{ github.ref }}", TimeoutMinutes = 30)]
    [Jenkins(InvokedTargets = ["Release"], ImportSecrets = ["ConfigRepoToken"], TimeoutMinutes = 60,
        PollScm = "H/5 * * * *", Cron = "H 3 * * 1", JUnitReports = "artifacts/test-results/*.xml")]
    public sealed class EnvironmentGate;

    [GitHubActions("promote",
        OnWorkflowDispatchInputs = ["Environment", "ImageTag", "AutoRollback", "RolloutTimeoutMinutes"],
        OnSchedule = ["*/30 5 * * 1-5"],
        InvokedTargets = ["Promote"])]
    public sealed class DispatchInputs;

    [CiJob("Ci")]
    [GitHubActions("ci", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Release"], RunsOn = ["ubuntu-latest", "windows-latest"])]
    public sealed class Matrix;

    [CiJob("Ci")]
    [CiJob("Cd", Environment = "prod")]
    [GitHubActions("release", On = [GitHubActionsTrigger.Push], OnPushBranches = ["main"], InvokedTargets = ["Release"],
        ImportSecrets = ["RegistryPassword"],
        ConfigRepository = "example-org/gitops-config", ConfigRepoToken = "GitHubToken", ConfigRepoTokenSource = GitHubActionsTokenSource.GitHubApp,
        GitHubAppIdSecret = "DEPLOY_APP_ID", GitHubAppPrivateKeySecret = "DEPLOY_APP_PRIVATE_KEY")]
    [Jenkins(InvokedTargets = ["Release"], ImportSecrets = ["RegistryPassword"],
        ConfigRepoToken = "GitHubToken", ConfigRepoCredential = "deploy-github-app", ConfigRepoCredentialKind = JenkinsCredentialKind.GitHubApp)]
    public sealed class TwoReposApp;

    [GitHubActions("release", On = [GitHubActionsTrigger.Push], OnPushBranches = ["main"], InvokedTargets = ["Release"],
        ConfigRepository = "example-org/gitops-config", ConfigRepoToken = "github-token", ConfigRepoTokenSource = GitHubActionsTokenSource.Secret,
        ConfigRepoTokenSecret = "GITOPS_CONFIG_PAT")]
    [Jenkins(InvokedTargets = ["Release"], ConfigRepoToken = "GitHubToken", ConfigRepoCredential = "gitops-config-pat")]
    public sealed class TwoReposSecret;

    // An SSH key signs every config-repo commit: a GitHub secret holds the key and another its passphrase; on Jenkins an
    // "SSH Username with private key" credential carries both. Listed in ImportSecrets too, the key still comes from its own source.
    [CiJob("Ci")]
    [CiJob("Cd", Environment = "prod")]
    [GitHubActions("release", On = [GitHubActionsTrigger.Push], OnPushBranches = ["main"], InvokedTargets = ["Release"],
        ImportSecrets = ["RegistryPassword", "SigningKey"],
        ConfigRepository = "example-org/gitops-config", ConfigRepoToken = "GitHubToken", ConfigRepoTokenSource = GitHubActionsTokenSource.GitHubApp,
        SigningKey = "SigningKey", SigningKeySecret = "GITOPS_SIGNING_KEY", SigningKeyPassphrase = "SigningKeyPassphrase")]
    [Jenkins(InvokedTargets = ["Release"], ImportSecrets = ["RegistryPassword"],
        ConfigRepoToken = "GitHubToken", ConfigRepoCredential = "gitops-config-pat",
        SigningKeyFile = "SigningKeyFile", SigningKeyCredential = "gitops-signing-key", SigningKeyPassphrase = "SigningKeyPassphrase")]
    public sealed class SignedSsh;

    // An OpenPGP key without a passphrase from the default secret; on Jenkins a secret file, its passphrase in a secret text.
    [GitHubActions("release", On = [GitHubActionsTrigger.Push], OnPushBranches = ["main"], InvokedTargets = ["Release"],
        ConfigRepository = "example-org/gitops-config", ConfigRepoToken = "github-token", ConfigRepoTokenSource = GitHubActionsTokenSource.Secret,
        SigningKey = "signing-key")]
    [Jenkins(InvokedTargets = ["Release"], ConfigRepoToken = "GitHubToken",
        SigningKeyFile = "signing-key-file", SigningKeyCredentialKind = JenkinsSigningKeyKind.SecretFile, SigningKeyPassphrase = "signing-key-passphrase")]
    public sealed class SignedOpenPgp;
}
