using Pipelines.GitOps.Tests.Scaffolding;
using YamlDotNet.RepresentationModel;

namespace Pipelines.GitOps.Tests.DeployAssets;

/// <summary>deploy/rbac.yaml grants the Jenkins agent exactly what WaitRollout, Verify and the Flux reconcile request use.</summary>
public sealed class AgentRbac
{
    private const string AppNamespace = "gitops-app-demo";
    private const string FluxNamespace = "flux-system";

    // What the Kubernetes library calls: watch workloads and their pods and events, find and GET the app's Service through
    // the service proxy (Verify), and patch reconcile.fluxcd.io/requestedAt onto the Flux objects while watching their status.
    private static readonly (string Namespace, string Group, string Resource, string Verb)[] Needed =
    [
        .. Grant(AppNamespace, "apps", ["deployments", "replicasets", "statefulsets", "daemonsets"], ["get", "list", "watch"]),
        .. Grant(AppNamespace, "", ["pods", "events"], ["get", "list", "watch"]),
        .. Grant(AppNamespace, "", ["services"], ["get", "list"]),
        .. Grant(AppNamespace, "", ["services/proxy"], ["get"]),
        .. Grant(AppNamespace, "argoproj.io", ["rollouts"], ["get", "list", "watch"]),
        .. Grant(AppNamespace, "flagger.app", ["canaries"], ["get", "list", "watch"]),
        .. Grant(FluxNamespace, "source.toolkit.fluxcd.io", ["gitrepositories"], ["get", "list", "watch", "patch"]),
        .. Grant(FluxNamespace, "kustomize.toolkit.fluxcd.io", ["kustomizations"], ["get", "list", "watch", "patch"]),
        .. Grant(FluxNamespace, "helm.toolkit.fluxcd.io", ["helmreleases"], ["get", "list", "watch", "patch"]),
    ];

    private static IReadOnlyList<YamlMappingNode> Documents => Yaml.DocumentsIn(RepositoryLayout.PathOf("deploy/rbac.yaml"));

    [Fact]
    public void Roles_grant_exactly_what_the_rollout_watch_and_reconcile_use()
    {
        var granted = Documents.OfKind("Role")
            .SelectMany(role => role.Items("rules").SelectMany(rule =>
                from apiGroup in rule.Items("apiGroups")
                from resource in rule.Items("resources")
                from verb in rule.Items("verbs")
                select (role.Text("metadata", "namespace")!, Scalar(apiGroup), Scalar(resource), Scalar(verb))))
            .ToHashSet();

        Assert.Equal(Needed.Order(), granted.Order());
    }

    [Fact]
    public void Nothing_is_cluster_wide_or_touches_secrets()
    {
        Assert.DoesNotContain(Documents, document => document.Text("kind")!.StartsWith("Cluster", StringComparison.Ordinal));
        var rules = Documents.OfKind("Role").SelectMany(role => role.Items("rules")).ToArray();
        Assert.DoesNotContain(rules.SelectMany(rule => rule.Items("resources")), resource => Scalar(resource) is "secrets" or "*");
        Assert.DoesNotContain(rules.SelectMany(rule => rule.Items("verbs")), verb => Scalar(verb) == "*");
        Assert.DoesNotContain(rules.SelectMany(rule => rule.Items("apiGroups")), group => Scalar(group) == "*");
    }

    [Fact]
    public void Each_role_is_bound_to_the_agent_service_account_in_its_own_namespace()
    {
        var account = Documents.OfKind("ServiceAccount").Single();
        var bindings = Documents.OfKind("RoleBinding").ToArray();

        foreach (var role in Documents.OfKind("Role"))
        {
            var binding = Assert.Single(bindings, binding =>
                binding.Text("roleRef", "name") == role.Text("metadata", "name")
                && binding.Text("metadata", "namespace") == role.Text("metadata", "namespace"));
            Assert.Equal("Role", binding.Text("roleRef", "kind"));
            var subject = Assert.Single(binding.Items("subjects"));
            Assert.Equal("ServiceAccount", subject.Text("kind"));
            Assert.Equal(account.Text("metadata", "name"), subject.Text("name"));
            Assert.Equal(account.Text("metadata", "namespace"), subject.Text("namespace"));
        }
    }

    [Fact]
    public void Service_account_assumes_an_aws_cn_role()
    {
        var account = Documents.OfKind("ServiceAccount").Single();

        Assert.StartsWith("arn:aws-cn:iam::", account.Text("metadata", "annotations", "eks.amazonaws.com/role-arn"));
    }

    private static IEnumerable<(string, string, string, string)> Grant(
        string ns, string apiGroup, string[] resources, string[] verbs) =>
        from resource in resources from verb in verbs select (ns, apiGroup, resource, verb);

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value!;
}
