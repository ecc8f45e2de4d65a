using System.Text.Json;
using Pipelines.GitOps.Tests.Scaffolding;

namespace Pipelines.GitOps.Tests.DeployAssets;

/// <summary>deploy/iam: the CI role's ECR policy and its trust policies, in the aws-cn partition.</summary>
public sealed class CiIamPolicies
{
    // Every ECR API the push target calls: log in, find or create the repository, upload layers and the manifest,
    // then read the pushed image and its scan findings back.
    private static readonly string[] PushEcrActions =
    [
        "ecr:GetAuthorizationToken", "ecr:DescribeRepositories", "ecr:CreateRepository", "ecr:DescribeImages",
        "ecr:BatchGetImage", "ecr:PutImage", "ecr:DescribeImageScanFindings", "ecr:BatchCheckLayerAvailability",
        "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload",
    ];

    private static JsonElement Read(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryLayout.PathOf("deploy/iam/" + file)));
        var root = document.RootElement.Clone();
        Assert.Equal("2012-10-17", root.GetProperty("Version").GetString());
        return root;
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? element.EnumerateArray().Select(item => item.GetString()!)
        : [element.GetString()!];

    [Fact]
    public void Ecr_policy_allows_exactly_the_actions_push_ecr_calls()
    {
        var allowed = Read("ci-ecr-policy.json").GetProperty("Statement").EnumerateArray()
            .Where(statement => statement.GetProperty("Effect").GetString() == "Allow")
            .SelectMany(statement => Strings(statement.GetProperty("Action")));

        Assert.Equal(PushEcrActions.Order(), allowed.Order());
    }

    [Fact]
    public void Ecr_policy_names_only_aws_cn_repositories_except_for_the_login()
    {
        foreach (var statement in Read("ci-ecr-policy.json").GetProperty("Statement").EnumerateArray())
        {
            var actions = Strings(statement.GetProperty("Action")).ToArray();
            foreach (var resource in Strings(statement.GetProperty("Resource")))
            {
                if (resource == "*")
                {
                    // GetAuthorizationToken has no resource-level permissions: "*" is its only form.
                    Assert.Equal(["ecr:GetAuthorizationToken"], actions);
                }
                else
                {
                    Assert.Matches(@"^arn:aws-cn:ecr:cn-(north|northwest)-1:\d{12}:repository/[a-z0-9][a-z0-9._/-]*$", resource);
                }
            }
        }
    }

    [Fact]
    public void GitHub_oidc_trust_is_scoped_to_one_repository_with_the_china_audience()
    {
        var statement = Read("github-oidc-trust-policy.json").GetProperty("Statement").EnumerateArray().Single();

        Assert.Equal("sts:AssumeRoleWithWebIdentity", statement.GetProperty("Action").GetString());
        Assert.Equal("arn:aws-cn:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
            statement.GetProperty("Principal").GetProperty("Federated").GetString());
        var equals = statement.GetProperty("Condition").GetProperty("StringEquals");
        Assert.Equal("sts.amazonaws.com.cn", equals.GetProperty("token.actions.githubusercontent.com:aud").GetString());
        Assert.All(Strings(equals.GetProperty("token.actions.githubusercontent.com:sub")), subject =>
        {
            Assert.StartsWith("repo:example-org/gitops-app-demo:", subject);
            Assert.DoesNotContain('*', subject);
        });
    }

    [Fact]
    public void Irsa_trust_names_the_agent_service_account_from_the_rbac()
    {
        var statement = Read("irsa-trust-policy.json").GetProperty("Statement").EnumerateArray().Single();
        var account = Yaml.DocumentsIn(RepositoryLayout.PathOf("deploy/rbac.yaml")).OfKind("ServiceAccount").Single();

        var provider = statement.GetProperty("Principal").GetProperty("Federated").GetString()!;
        Assert.StartsWith("arn:aws-cn:iam::123456789012:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/", provider);
        var issuer = provider[(provider.IndexOf(":oidc-provider/", StringComparison.Ordinal) + ":oidc-provider/".Length)..];
        var equals = statement.GetProperty("Condition").GetProperty("StringEquals");
        Assert.Equal($"system:serviceaccount:{account.Text("metadata", "namespace")}:{account.Text("metadata", "name")}",
            equals.GetProperty(issuer + ":sub").GetString());
        Assert.Equal("sts.amazonaws.com", equals.GetProperty(issuer + ":aud").GetString());
    }
}
