using System.Linq.Expressions;
using System.Reflection;
using Pipelines.Containers;
using Pipelines.GitOps;
using Pipelines.Kubernetes;
using Pipelines.Tooling;

namespace Pipelines.Components;

/// <summary>
/// The one translation from the libraries' failures to a build's: every library input becomes the parameter that fills it
/// (the container library's "image tag" is <c>--image-tag</c>), and bad input exits 2, any other failure 1. Every component
/// target runs its work through <see cref="RunAsync"/>; a target that names an input differently (Promote's source
/// environment is <c>--from</c>) says so with an alias.
/// </summary>
public static class ComponentFailures
{
    static readonly IReadOnlyDictionary<Input, string> ParameterOf = new Dictionary<Input, string>
    {
        [ContainerInputs.ImageTag] = Name<IImageParameters>(x => x.ImageTag),
        [ContainerInputs.ImageRepository] = Name<IImageParameters>(x => x.ImageRepository),
        [ContainerInputs.ImageName] = Name<IContainerParameters>(x => x.ImageName),
        [ContainerInputs.AllowDirty] = Name<IContainerParameters>(x => x.AllowDirty),
        [ContainerInputs.Project] = Name<IContainerParameters>(x => x.Project),
        [ContainerInputs.Platform] = Name<IContainerParameters>(x => x.Platform),
        [ContainerInputs.ImageBuilder] = Name<IContainerParameters>(x => x.ImageBuilder),
        [ContainerInputs.BaseImage] = Name<IContainerParameters>(x => x.BaseImage),
        [ContainerInputs.BaseImageMirror] = Name<IContainerParameters>(x => x.BaseImageMirror),
        [ContainerInputs.OfflineBase] = Name<IContainerParameters>(x => x.OfflineBase),
        [ContainerInputs.RegistryUsername] = Name<IPushImage>(x => x.RegistryUsername),
        [ContainerInputs.RegistryPassword] = Name<IPushImage>(x => x.RegistryPassword),
        [ContainerInputs.ImmutableTags] = Name<IPushImage>(x => x.ImmutableTags),
        [ContainerInputs.AlsoTagLatest] = Name<IPushEcr>(x => x.AlsoTagLatest),
        [ContainerInputs.ScanSeverity] = Name<IPushEcr>(x => x.MaxScanSeverity),
        [ContainerInputs.EcrEndpoint] = Name<IPushEcr>(x => x.EcrEndpoint),
        [ContainerInputs.EcrRepositoryName] = Name<IPushEcr>(x => x.EcrRepositoryName),
        [ContainerInputs.Region] = Name<IAwsParameters>(x => x.AwsRegion),
        [ContainerInputs.AccountId] = Name<IAwsParameters>(x => x.AwsAccountId),
        [ContainerInputs.RoleArn] = Name<IAwsParameters>(x => x.AwsRoleArn),
        [ContainerInputs.StsEndpoint] = Name<IAwsParameters>(x => x.StsEndpoint),
        [ContainerInputs.ContainerPort] = Name<ISmokeTest>(x => x.SmokeTestPort),
        [ContainerInputs.SmokeTestPath] = Name<ISmokeTest>(x => x.SmokeTestPath),
        [ContainerInputs.AcceptedStatus] = Name<ISmokeTest>(x => x.SmokeTestStatus),
        [ContainerInputs.StartTimeout] = Name<ISmokeTest>(x => x.SmokeTestTimeout),
        [ContainerInputs.ContainerEnvironment] = Name<ISmokeTest>(x => x.SmokeTestEnv),
        [ContainerInputs.MemoryLimit] = Name<ISmokeTest>(x => x.SmokeTestMemory),
        [ContainerInputs.ShownPaths] = Name<ISmokeTest>(x => x.SmokeTestShow),

        [GitOpsInputs.ConfigRepo] = Name<IConfigRepoParameters>(x => x.ConfigRepo),
        [GitOpsInputs.ConfigBranch] = Name<IConfigRepoParameters>(x => x.ConfigBranch),
        [GitOpsInputs.NetworkTimeout] = Name<IConfigRepoParameters>(x => x.GitTimeout),
        [GitOpsInputs.ConfigPath] = Name<IConfigRepoParameters>(x => x.ConfigPath),
        [GitOpsInputs.Environment] = Name<IConfigRepoParameters>(x => x.Environment),
        [GitOpsInputs.SourceEnvironment] = Name<IPromote>(x => x.From),
        [GitOpsInputs.TargetEnvironment] = Name<IPromote>(x => x.To),
        [GitOpsInputs.ImageRepository] = Name<IImageParameters>(x => x.ImageRepository),
        [GitOpsInputs.ImageTag] = Name<IImageParameters>(x => x.ImageTag),
        [GitOpsInputs.ImageDigest] = Name<IImageParameters>(x => x.ImageDigest),
        [GitOpsInputs.RollbackTag] = Name<IRollback>(x => x.ToTag),
        [GitOpsInputs.RollbackDigest] = Name<IRollback>(x => x.ToDigest),
        [GitOpsInputs.VerifyImage] = Name<IConfigRepoParameters>(x => x.VerifyImage),
        [GitOpsInputs.ImagePolicy] = Name<IConfigRepoParameters>(x => x.ImagePolicy),
        [GitOpsInputs.PushMode] = Name<IConfigRepoParameters>(x => x.PushMode),
        [GitOpsInputs.GitHubToken] = Name<IConfigRepoParameters>(x => x.GitHubToken),
        [GitOpsInputs.GitHubRepository] = Name<IConfigRepoParameters>(x => x.GitHubRepository),
        [GitOpsInputs.SigningKey] = Name<IConfigRepoParameters>(x => x.SigningKey),
        [GitOpsInputs.SigningKeyFile] = Name<IConfigRepoParameters>(x => x.SigningKeyFile),
        [GitOpsInputs.SigningKeyPassphrase] = Name<IConfigRepoParameters>(x => x.SigningKeyPassphrase),
        [GitOpsInputs.CommitThroughGitHub] = Name<IConfigRepoParameters>(x => x.CommitThroughGitHub),
        [GitOpsInputs.AppName] = Name<IInitConfigRepo>(x => x.AppName),
        [GitOpsInputs.Environments] = Name<IInitConfigRepo>(x => x.Environments),
        [GitOpsInputs.Region] = Name<IAwsParameters>(x => x.AwsRegion),
        [GitOpsInputs.RequiredSoak] = Name<IPromote>(x => x.RequiredSoak),
        [GitOpsInputs.ForceUnverified] = Name<IPromote>(x => x.ForceUnverified),
        [GitOpsInputs.MergeTimeout] = Name<IWaitPromotion>(x => x.MergeTimeout),
        [GitOpsInputs.MergePollInterval] = Name<IWaitPromotion>(x => x.MergePollInterval),
        [KubernetesInputs.VerifyService] = Name<IVerify>(x => x.VerifyService),
        [KubernetesInputs.VerifyUrl] = Name<IVerify>(x => x.VerifyUrl),
        [KubernetesInputs.VerifyPath] = Name<IVerify>(x => x.VerifyPath),
        [KubernetesInputs.VerifyStatus] = Name<IVerify>(x => x.VerifyStatus),
        [KubernetesInputs.VerifyBody] = Name<IVerify>(x => x.VerifyBody),
        [KubernetesInputs.VerifySoak] = Name<IVerify>(x => x.VerifySoak),
        [KubernetesInputs.VerifyInterval] = Name<IVerify>(x => x.VerifyInterval),
        [KubernetesInputs.VerifyCheckTimeout] = Name<IVerify>(x => x.VerifyCheckTimeout),
        [KubernetesInputs.VerifyGrace] = Name<IVerify>(x => x.VerifyGrace),
        [KubernetesInputs.PrometheusUrl] = Name<IVerify>(x => x.VerifyPrometheusUrl),
        [KubernetesInputs.PrometheusService] = Name<IVerify>(x => x.VerifyPrometheusService),
        [KubernetesInputs.PrometheusQuery] = Name<IVerify>(x => x.VerifyPrometheusQuery),
        [KubernetesInputs.PrometheusMax] = Name<IVerify>(x => x.VerifyPrometheusMax),
        [KubernetesInputs.PrometheusMin] = Name<IVerify>(x => x.VerifyPrometheusMin),

        [KubernetesInputs.Kubeconfig] = Name<IKubernetesParameters>(x => x.Kubeconfig),
        [KubernetesInputs.KubeContext] = Name<IKubernetesParameters>(x => x.KubeContext),
        [KubernetesInputs.Workload] = Name<IWaitRollout>(x => x.Workload),
        [KubernetesInputs.Namespace] = Name<IWaitRollout>(x => x.Namespace),
        [KubernetesInputs.FluxKustomization] = Name<IWaitRollout>(x => x.FluxKustomization),
        [KubernetesInputs.FluxGitRepository] = Name<IWaitRollout>(x => x.FluxGitRepository),
        [KubernetesInputs.FluxHelmRelease] = Name<IWaitRollout>(x => x.FluxHelmRelease),
        [KubernetesInputs.Timeout] = Name<IWaitRollout>(x => x.Timeout),
        [KubernetesInputs.ApiOutageTolerance] = Name<IWaitRollout>(x => x.ApiOutageTolerance),
        [KubernetesInputs.ConnectTimeout] = Name<IKubernetesParameters>(x => x.KubeConnectTimeout),
        [KubernetesInputs.RequestTimeout] = Name<IKubernetesParameters>(x => x.KubeRequestTimeout),
        [KubernetesInputs.ExecTimeout] = Name<IKubernetesParameters>(x => x.KubeExecTimeout),
    };

    /// <summary>The inputs that have a parameter, with its name (for tests that check every input is covered).</summary>
    public static IReadOnlyDictionary<Input, string> Parameters => ParameterOf;

    /// <summary>Runs a target's work; a library failure becomes the engine's one-line failure, its inputs named by their parameters.</summary>
    /// <param name="work">The target's work.</param>
    /// <param name="aliases">Inputs this target fills from other parameters than usual, e.g. the kubeconfig from <c>--to-kubeconfig</c>.</param>
    public static async Task RunAsync(Func<Task> work, params (Input Input, string Parameter)[] aliases)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (PipelinesException e)
        {
            throw Translate(e, aliases);
        }
    }

    /// <summary>The engine's failure for <paramref name="failure"/>: bad input becomes an <see cref="InvocationException"/> (exit 2),
    /// anything else a <see cref="TargetFailedException"/> (exit 1).</summary>
    public static Exception Translate(PipelinesException failure, params (Input Input, string Parameter)[] aliases)
    {
        var line = failure.Describe(input => Flag(input, aliases));
        return failure.Kind == FailureKind.BadInput ? new InvocationException(line) : new TargetFailedException(line);
    }

    /// <summary>How a build names <paramref name="input"/>: <c>--parameter</c>, or the library's words when no parameter fills it.</summary>
    public static string Flag(Input input, params (Input Input, string Parameter)[] aliases)
    {
        foreach (var (aliased, parameter) in aliases)
        {
            if (ReferenceEquals(aliased, input))
                return "--" + parameter;
        }
        return ParameterOf.TryGetValue(input, out var name) ? "--" + name : input.Words;
    }

    /// <summary>The parameter name of a component member, e.g. <c>image-tag</c> for <c>x =&gt; x.ImageTag</c>.</summary>
    public static string Name<T>(Expression<Func<T, object?>> member)
    {
        var body = member.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : member.Body;
        return body is MemberExpression { Member: PropertyInfo property }
            ? ParameterAttribute.NameOf(property)
            : throw new ArgumentException($"'{member}' does not name a parameter property", nameof(member));
    }
}
