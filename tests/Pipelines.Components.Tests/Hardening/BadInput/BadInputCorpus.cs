namespace Pipelines.Components.Tests.Hardening.BadInput;

/// <summary>
/// The corpus: bad inputs a user can give each target, with what they must see. Exit 2 is a bad invocation (fix the
/// command line), exit 1 a failed target (fix the world: credentials, the config repo, the cluster).
/// </summary>
public static class BadInputCorpus
{
    static readonly string[] Bump = ["BumpConfigRepo", "--config-repo", "{config}", "--environment", "dev", "--image-repository", "{repo}", "--verify-image", "false"];
    static readonly string[] PushEcr = ["PushEcr", "--skip", "DockerBuild", "--aws-region", "cn-north-1", "--aws-account-id", "{account}", "--ecr-endpoint", "{ecr}", "--sts-endpoint", "{ecr}"];
    static readonly string[] PushImage = ["PushImage", "--skip", "DockerBuild", "--image-repository", "{repo}", "--registry-username", "{registry-user}"];
    static readonly string[] SmokeTest = ["SmokeTest", "--skip", "DockerBuild"];
    static readonly string[] Wait = ["WaitRollout", "--kubeconfig", "{kubeconfig}", "--image-repository", "{repo}", "--image-tag", BadInputScene.Tag];
    static readonly string[] PullRequest = ["--push-mode", "pull-request", "--github-url", "{github}", "--github-repository", "org/config"];

    static string[] With(string[] head, params string[] tail) => [.. head, .. tail];

    public static IReadOnlyList<BadInputCase> Cases { get; } =
    [
        // The command line itself.
        new("unknown target", ["Relase"], 2, "'Relase'", "Release"),
        new("unknown target in --skip", ["Release", "--skip", "Tset"], 2, "'Tset'", "--skip"),
        new("misspelt parameter", With(Bump, "--image-tagg", "abc1234"), 2, "--image-tagg", "--image-tag"),
        new("misplaced argument", With(Bump, "abc1234"), 2, "'abc1234'"),
        new("value missing at the end", ["BumpConfigRepo", "--config-repo"], 2, "--config-repo"),
        new("unknown profile", With(Bump, "--profile", "staging"), 2, "'staging'"),
        new("int that is not a number", With(Wait, "--crashloop-restarts", "three"), 2, "--crashloop-restarts", "'three'"),
        new("bool that is not a bool", With(Bump, "--dry-run", "maybe"), 2, "--dry-run", "'maybe'"),
        new("enum value that does not exist", With(Bump, "--push-mode", "force"), 2, "--push-mode", "'force'", "PullRequest"),
        new("enum for --push-to", ["Ci", "--push-to", "S3"], 2, "--push-to", "'S3'", "Ecr"),
        new("enum for --auto-merge", With(Bump, "--auto-merge", "Fast"), 2, "--auto-merge", "'Fast'", "Squash"),
        new("enum for --image-builder", ["DockerBuild", "--image-builder", "Kaniko"], 2, "--image-builder", "'Kaniko'", "Dotnet"),
        new("enum for --max-scan-severity", With(PushEcr, "--max-scan-severity", "Severe"), 2, "--max-scan-severity", "'Severe'"),
        new("TimeSpan in words", With(Wait, "--timeout", "10 minutes"), 2, "--timeout", "'10 minutes'"),
        new("TimeSpan with an unknown unit", With(Wait, "--api-outage-tolerance", "30sec"), 2, "--api-outage-tolerance", "'30sec'"),
        new("TimeSpan from the environment", Wait, 2, "PIPELINES_UNSCHEDULABLE_GRACE", "'soon'") { Environment = { ["PIPELINES_UNSCHEDULABLE_GRACE"] = "soon" } },
        new("URI that is not one", With(PushEcr, "--ecr-endpoint", "not a url"), 2, "--ecr-endpoint", "'not a url'"),
        new("required --config-repo missing", ["BumpConfigRepo", "--image-repository", "{repo}", "--image-tag", BadInputScene.Tag], 2, "--config-repo"),
        new("required --aws-region missing", ["PushEcr", "--skip", "DockerBuild"], 2, "--aws-region"),
        new("Promote without --from", ["Promote", "--config-repo", "{config}", "--image-repository", "{repo}", "--to", "prod"], 2, "--from"),
        new("--build-arg without =", ["DockerBuild", "--build-arg", "NOEQUALS"], 2, "--build-arg", "'NOEQUALS'", "KEY=VALUE"),

        // What SmokeTest runs the built image with; refused before any container starts.
        new("status code that is not one", With(SmokeTest, "--smoke-test-status", "20x"), 2, "--smoke-test-status", "'20x'"),
        new("--smoke-test-env without a value", With(SmokeTest, "--smoke-test-env", "AWS_SECRET_ACCESS_KEY"), 2, "--smoke-test-env", "KEY=VALUE"),
        new("smoke-test path that is not a path", With(SmokeTest, "--smoke-test-path", "healthz"), 2, "--smoke-test-path", "'healthz'"),
        new("memory limit below docker's minimum", With(SmokeTest, "--smoke-test-memory", "1k"), 2, "--smoke-test-memory", "'1k'"),

        // Image references given to the GitOps targets.
        new("image repository with a space", ["BumpConfigRepo", "--config-repo", "{config}", "--environment", "dev", "--image-repository", "{registry}/App Name", "--image-tag", "v1", "--verify-image", "false"], 2, "--image-repository"),
        new("tag latest", With(Bump, "--image-tag", "latest"), 2, "--image-tag", "'latest'"),
        new("tag with a slash", With(Bump, "--image-tag", "v1/2"), 2, "--image-tag", "'v1/2'"),
        new("digest that is not sha256 hex", With(Bump, "--image-tag", BadInputScene.Tag, "--image-digest", "sha256:xyz"), 2, "--image-digest", "'sha256:xyz'"),
        new("repository without a registry host, verified", ["BumpConfigRepo", "--config-repo", "{config}", "--environment", "dev", "--image-repository", "app", "--image-tag", BadInputScene.Tag], 2, "--image-repository", "'app'"),
        new("ECR host look-alike is not ECR", ["BumpConfigRepo", "--config-repo", "{config}", "--environment", "dev", "--image-repository", "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn.evil.example/app", "--image-tag", BadInputScene.Tag], 1, "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn.evil.example", "--verify-image"),

        // The config repo.
        new("unknown environment", With(Bump, "--image-tag", "v2").Select(a => a == "dev" ? "staging" : a).ToArray(), 2, "--environment", "'staging'", "dev, prod"),
        new("config path that does not exist", ["BumpConfigRepo", "--config-repo", "{config}", "--config-path", "clusters/nowhere", "--image-repository", "{repo}", "--image-tag", "v2", "--verify-image", "false"], 2, "--config-path", "'clusters/nowhere'"),
        new("config path outside the repository", ["BumpConfigRepo", "--config-repo", "{config}", "--config-path", "../etc", "--image-repository", "{repo}", "--image-tag", "v2", "--verify-image", "false"], 2, "--config-path"),
        new("malformed YAML that mentions the image", ["BumpConfigRepo", "--config-repo", "{config}", "--config-path", "clusters/broken", "--image-repository", "{registry}/broken", "--image-tag", "v2", "--verify-image", "false"], 1, "clusters/broken/deployment.yaml", "fix the file"),
        new("digest-pinned reference without --image-digest", ["BumpConfigRepo", "--config-repo", "{config}", "--config-path", "clusters/pinned", "--image-repository", "{registry}/pinned", "--image-tag", "v2", "--verify-image", "false"], 2, "--image-digest", "clusters/pinned/deployment.yaml"),
        new("config repo that does not exist", With(Bump, "--image-tag", "v2").Select(a => a == "{config}" ? "{missing-repo}" : a).ToArray(), 1, "--config-repo", "missing.git"),
        new("config branch that does not exist", With(Bump, "--image-tag", "v2", "--config-branch", "nope"), 1, "nope", "--config-branch"),
        new("Rollback with no bump to revert", ["Rollback", "--config-repo", "{config}", "--environment", "dev", "--image-repository", "{registry}/other", "--verify-image", "false"], 1, "--image-repository", "--to"),
        new("Promote from an unknown environment", ["Promote", "--config-repo", "{config}", "--image-repository", "{repo}", "--from", "qa", "--to", "prod"], 2, "--from", "'qa'"),
        new("Promote to an unknown environment", ["Promote", "--config-repo", "{config}", "--image-repository", "{repo}", "--from", "dev", "--to", "qa"], 2, "--to", "'qa'"),

        // Pull-request mode.
        new("pull request without a token", With(Bump, ["--image-tag", "v2", .. PullRequest]), 2, "--github-token is missing", "--push-mode"),
        new("GitHub token without rights (403)", With(Bump, ["--image-tag", "v2", "--github-token", BadInputScene.ReadOnlyToken, .. PullRequest]), 1, "--github-token", "403"),
        new("pull request by the environment's mode, without a token", With(Bump, "--image-tag", "v2").Select(a => a == "dev" ? "prod" : a).ToArray(), 2, "--github-token is missing", "--push-mode"),
        new("GitHub token GitHub does not know (401)", With(Bump, ["--image-tag", "v2", "--github-token", "ghp_unknownTokenForHardening00001", .. PullRequest]), 1, "--github-token", "401"),

        // AWS and ECR.
        new("unknown region", With(PushEcr, "--aws-region", "mars-east-1"), 2, "--aws-region", "'mars-east-1'"),
        new("region with a typo", With(PushEcr, "--aws-region", "cn-north1"), 2, "--aws-region", "'cn-north1'"),
        new("account id that is not 12 digits", With(PushEcr, "--aws-account-id", "12345"), 2, "'12345'", "12 digits"),
        new("role in the wrong partition", With(PushEcr, "--aws-role-arn", "arn:aws:iam::123456789012:role/ci"), 2, "--aws-role-arn", "arn:aws-cn:"),
        new("tag latest for ECR", With(PushEcr, "--image-tag", "latest"), 2, "--image-tag", "'latest'"),
        new("expired AWS session", PushEcr, 1, "ExpiredToken", "credentials")
        {
            Arrange = s => s.FailNextEcrCall("*", "ExpiredTokenException", "The security token included in the request is expired"),
        },
        new("no AWS credentials at all", PushEcr, 1, "AWS credentials were not found", "AWS_ACCESS_KEY_ID")
        {
            Variables = [("AWS_ACCESS_KEY_ID", null), ("AWS_SECRET_ACCESS_KEY", null)],
        },
        new("ECR access denied", PushEcr, 1, "AccessDenied", "ecr:")
        {
            Arrange = s => s.FailNextEcrCall("*", "AccessDeniedException", "User is not authorized to perform: ecr:DescribeRepositories"),
        },

        // Registries.
        new("registry password refused (401)", With(PushImage, "--registry-password", "wrong-password"), 1, "401", "{registry}"),
        new("registry that forbids the push (403)", ["PushImage", "--skip", "DockerBuild", "--image-repository", "{forbidden}/app", "--registry-username", "ci", "--registry-password", "x"], 1, "403", "{forbidden}"),
        new("image repository without a host for PushImage", ["PushImage", "--skip", "DockerBuild", "--image-repository", "app"], 2, "'app'", "host/path"),
        new("anonymous registry check answered 401", ["BumpConfigRepo", "--config-repo", "{config}", "--environment", "dev", "--image-repository", "{repo}", "--image-tag", BadInputScene.Tag, "--verify-image", "true"], 1, "--verify-image", "401"),

        // The cluster.
        new("kubeconfig that is not YAML", With(Wait, "--kubeconfig", "{malformed-kubeconfig}"), 2, "--kubeconfig"),
        new("kubeconfig that does not exist", With(Wait, "--kubeconfig", "{missing-file}"), 2, "--kubeconfig", "no-such-file"),
        new("kube context that does not exist", With(Wait, "--kube-context", "prod-cluster"), 2, "'prod-cluster'"),
        new("cluster that does not answer", With(Wait, "--kubeconfig", "{closed-kubeconfig}", "--timeout", "00:00:05"), 1, "127.0.0.1", "--kubeconfig"),
        new("workload reference without a kind", With(Wait, "--workload", "app"), 2, "--workload", "'app'"),
        new("Flux Kustomization without a namespace", With(Wait, "--flux-kustomization", "apps"), 2, "--flux-kustomization", "'apps'"),
        new("WaitRollout with no image at all", ["WaitRollout", "--kubeconfig", "{kubeconfig}"], 2, "--image-repository"),
    ];

    public static IEnumerable<object[]> Data => Cases.Select(c => new object[] { c });
}
