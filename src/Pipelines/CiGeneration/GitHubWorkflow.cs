using Pipelines.Planning;

namespace Pipelines.CiGeneration;

/// <summary>Writes the GitHub Actions workflow one <see cref="GitHubActionsAttribute"/> declares.</summary>
internal static class GitHubWorkflow
{
    private const string OutputsPath = "artifacts/outputs";

    public static GeneratedFile Generate(BuildDescription build, GitHubActionsAttribute workflow)
    {
        var owner = $"[GitHubActions(\"{workflow.Name}\")]";
        if (workflow.Name.Length == 0 || !workflow.Name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_'))
            throw new CiConfigurationException($"{owner}: the name becomes the file name; use lower case letters, digits, '-' and '_'");
        if (workflow.RunsOn.Length == 0)
            throw new CiConfigurationException($"{owner}: RunsOn is empty; name at least one runner image such as \"ubuntu-latest\"");

        if (workflow.AwsRoleToAssume is not null && string.IsNullOrEmpty(workflow.AwsRegion))
            throw new CiConfigurationException($"{owner}: AwsRoleToAssume is set without AwsRegion; set AwsRegion such as \"cn-north-1\"");
        var imported = ParameterLookup.Resolve(build, workflow.ImportSecrets, $"{owner} ImportSecrets", secretsOnly: true);
        var configRepoToken = GitHubConfigRepoToken.Create(build, workflow, owner, imported);
        var signingKey = GitHubSigningKey.Create(build, workflow, owner);
        // The config-repo token's and the signing key's own sources decide where they come from, even when ImportSecrets lists them too.
        var secrets = imported.Where(s => s.Name != configRepoToken?.Parameter.Name && signingKey?.Parameters.All(p => p.Name != s.Name) != false).ToList();
        var inputs = ParameterLookup.Resolve(build, workflow.OnWorkflowDispatchInputs, $"{owner} OnWorkflowDispatchInputs");
        var jobs = CiJobPlan.Create(build, workflow.InvokedTargets, owner);

        var root = new YamlMap
        {
            { "name", workflow.Name },
            { "on", GitHubTriggers.Of(workflow, inputs) },
            { "permissions", Permissions(workflow) },
            { "concurrency", workflow.Concurrency is null ? null : new YamlMap
                {
                    { "group", workflow.Concurrency },
                    { "cancel-in-progress", YamlScalar.Of(workflow.CancelInProgress) },
                } },
        };
        var jobMap = new YamlMap();
        foreach (var job in jobs) jobMap.Add(job.Id, Job(workflow, job, secrets, inputs, configRepoToken, signingKey));
        root.Add("jobs", jobMap);

        return new GeneratedFile($".github/workflows/{workflow.Name}.yml", CiFileHeader.For(build, "#") + YamlText.Write(root));
    }

    private static YamlMap Permissions(GitHubActionsAttribute workflow)
    {
        var permissions = new YamlMap();
        var granted = workflow.ReadPermissions.Select(p => (p, "read"))
            .Concat(workflow.WritePermissions.Select(p => (p, "write")))
            .Concat(workflow.AwsRoleToAssume is null ? [] : [(GitHubActionsPermission.IdToken, "write")])
            .GroupBy(x => x.p)
            .Select(g => (Scope: g.Key, Level: g.Any(x => x.Item2 == "write") ? "write" : "read"))
            .OrderBy(x => x.Scope)
            .ToList();
        if (granted.Count == 0) granted.Add((GitHubActionsPermission.Contents, "read"));
        foreach (var (scope, level) in granted) permissions.Add(Naming.Kebab(scope.ToString()), level);
        return permissions;
    }

    private static YamlMap Job(GitHubActionsAttribute workflow, CiJob job, IReadOnlyList<ParameterDescription> secrets, IReadOnlyList<ParameterDescription> inputs,
        GitHubConfigRepoToken? configRepoToken, GitHubSigningKey? signingKey)
    {
        var matrix = workflow.RunsOn.Length > 1;
        var artifactSuffix = matrix ? "-${{ matrix.os }}" : "";
        var map = new YamlMap
        {
            { "name", job.DisplayName },
            { "needs", job.Needs.Count > 0 ? new YamlSeq(job.Needs) : null },
            { "strategy", matrix ? new YamlMap { { "matrix", new YamlMap { { "os", new YamlSeq(workflow.RunsOn) } } } } : null },
            { "runs-on", matrix ? "${{ matrix.os }}" : workflow.RunsOn[0] },
            { "timeout-minutes", workflow.TimeoutMinutes > 0 ? YamlScalar.Of(workflow.TimeoutMinutes) : null },
            { "environment", job.Environment is null ? null : new YamlMap { { "name", job.Environment }, { "url", job.EnvironmentUrl } } },
        };

        var steps = new YamlSeq
        {
            new YamlMap
            {
                { "name", "Check out" },
                { "uses", GitHubActionPins.Uses("actions/checkout") },
                // The job's token stays out of .git/config, where every later step (and the build) could read it.
                { "with", new YamlMap { { "persist-credentials", YamlScalar.Of(false) } } },
            },
            new YamlMap
            {
                { "name", "Set up .NET" },
                { "uses", GitHubActionPins.Uses("actions/setup-dotnet") },
                { "with", new YamlMap { { "dotnet-version", workflow.DotNetVersion } } },
            },
        };
        if (workflow.CacheNuGetPackages)
            steps.Add(new YamlMap
            {
                { "name", "Cache NuGet packages" },
                { "uses", GitHubActionPins.Uses("actions/cache") },
                { "with", new YamlMap
                    {
                        { "path", "~/.nuget/packages" },
                        { "key", "${{ runner.os }}-nuget-${{ hashFiles('Directory.Packages.props', '**/*.csproj') }}" },
                        { "restore-keys", "${{ runner.os }}-nuget-" },
                    } },
            });
        foreach (var need in job.Needs)
            steps.Add(new YamlMap
            {
                { "name", $"Download outputs of {need}" },
                { "uses", GitHubActionPins.Uses("actions/download-artifact") },
                // A pattern (not a name) so that a job whose targets wrote no outputs uploads nothing and this step still passes.
                { "with", new YamlMap
                    {
                        { "pattern", $"outputs-{need}{artifactSuffix}" },
                        { "path", OutputsPath },
                        { "merge-multiple", YamlScalar.Of(true) },
                    } },
            });

        if (workflow.AwsRoleToAssume is { } role)
            steps.Add(new YamlMap
            {
                { "name", "Configure AWS credentials" },
                { "uses", GitHubActionPins.Uses("aws-actions/configure-aws-credentials") },
                { "with", new YamlMap { { "role-to-assume", role }, { "aws-region", workflow.AwsRegion } } },
            });

        if (configRepoToken?.Step is { } tokenStep)
            steps.Add(tokenStep);

        var env = new YamlMap();
        foreach (var input in inputs) env.Add(input.EnvironmentVariable, $"${{{{ inputs.{input.Name} }}}}");
        foreach (var secret in secrets) env.Add(secret.EnvironmentVariable, $"${{{{ secrets.{Naming.ScreamingSnake(secret.Name)} }}}}");
        if (configRepoToken is not null) env.Add(configRepoToken.Parameter.EnvironmentVariable, configRepoToken.Expression);
        foreach (var (variable, expression) in signingKey?.Variables ?? []) env.Add(variable, expression);
        var run = new YamlMap
        {
            { "name", $"Run {job.DisplayName}" },
            { "run", job.Command(sequential: false, workflow.Profiles) },
            { "shell", workflow.RunsOn.Any(r => r.StartsWith("windows", StringComparison.OrdinalIgnoreCase)) ? "bash" : null },
            { "env", env.Count > 0 ? env : null },
        };
        run.Comments = job.Comments;
        steps.Add(run);
        if (job.HasDependents)
            steps.Add(new YamlMap
            {
                { "name", "Upload outputs" },
                { "uses", GitHubActionPins.Uses("actions/upload-artifact") },
                { "with", new YamlMap
                    {
                        { "name", $"outputs-{job.Id}{artifactSuffix}" },
                        { "path", $"{OutputsPath}/" },
                        { "if-no-files-found", "ignore" },
                        { "retention-days", YamlScalar.Of(7) },
                    } },
            });
        map.Add("steps", steps);
        return map;
    }
}
