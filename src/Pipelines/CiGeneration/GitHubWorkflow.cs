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
        var secrets = ParameterLookup.Resolve(build, workflow.ImportSecrets, $"{owner} ImportSecrets", secretsOnly: true);
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
        foreach (var job in jobs) jobMap.Add(job.Id, Job(workflow, job, secrets, inputs));
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

    private static YamlMap Job(GitHubActionsAttribute workflow, CiJob job, IReadOnlyList<ParameterDescription> secrets, IReadOnlyList<ParameterDescription> inputs)
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
            new YamlMap { { "name", "Check out" }, { "uses", "actions/checkout@v4" } },
            new YamlMap
            {
                { "name", "Set up .NET" },
                { "uses", "actions/setup-dotnet@v4" },
                { "with", new YamlMap { { "dotnet-version", workflow.DotNetVersion } } },
            },
        };
        if (workflow.CacheNuGetPackages)
            steps.Add(new YamlMap
            {
                { "name", "Cache NuGet packages" },
                { "uses", "actions/cache@v4" },
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
                { "uses", "actions/download-artifact@v4" },
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
                { "uses", "aws-actions/configure-aws-credentials@v4" },
                { "with", new YamlMap { { "role-to-assume", role }, { "aws-region", workflow.AwsRegion } } },
            });

        var env = new YamlMap();
        foreach (var input in inputs) env.Add(input.EnvironmentVariable, $"${{{{ inputs.{input.Name} }}}}");
        foreach (var secret in secrets) env.Add(secret.EnvironmentVariable, $"${{{{ secrets.{Naming.ScreamingSnake(secret.Name)} }}}}");
        steps.Add(new YamlMap
        {
            { "name", $"Run {job.DisplayName}" },
            { "run", job.Command(sequential: false, workflow.Profiles) },
            { "shell", workflow.RunsOn.Any(r => r.StartsWith("windows", StringComparison.OrdinalIgnoreCase)) ? "bash" : null },
            { "env", env.Count > 0 ? env : null },
        });
        if (job.HasDependents)
            steps.Add(new YamlMap
            {
                { "name", "Upload outputs" },
                { "uses", "actions/upload-artifact@v4" },
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
