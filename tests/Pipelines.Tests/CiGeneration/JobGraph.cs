using System.Text.Json.Nodes;
using Pipelines.CiGeneration;
using Pipelines.Planning;

namespace Pipelines.Tests.CiGeneration;

public sealed class JobGraph
{
    private static JsonObject Jobs(string scenario, string workflow) =>
        WorkflowJson.Parse(GeneratedFiles.Generate(scenario).Single(f => f.RelativePath == $".github/workflows/{workflow}.yml").Content)!["jobs"]!.AsObject();

    private static JsonArray Steps(JsonObject jobs, string job) => jobs[job]!["steps"]!.AsArray();

    private static string? Run(JsonObject jobs, string job) =>
        Steps(jobs, job).Select(s => s!["run"]?.GetValue<string>()).Single(r => r is not null);

    /// <summary>The actions a job uses, without the pinned ref (<c>actions/checkout</c>).</summary>
    private static IEnumerable<string> Uses(JsonObject jobs, string job) =>
        Steps(jobs, job).Select(Action).OfType<string>();

    private static string? Action(JsonNode? step) => step!["uses"]?.GetValue<string>().Split('@')[0];

    private static List<string> Needs(JsonObject jobs, string job) =>
        jobs[job]!["needs"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];

    [Fact]
    public void Without_boundaries_one_job_runs_the_invoked_targets()
    {
        var jobs = Jobs("single-job", "ci");
        Assert.Equal(["ci"], jobs.Select(j => j.Key));
        Assert.Equal("./build.sh Ci", Run(jobs, "ci"));
        Assert.DoesNotContain("actions/upload-artifact", Uses(jobs, "ci"));
    }

    [Fact]
    public void Declared_profiles_are_selected_by_every_job_and_stage()
    {
        var files = GeneratedFiles.Generate("oidc");
        Assert.Equal("./build.sh Ci --profile ecr-cn", Run(Jobs("oidc", "ci"), "ci"));
        Assert.Contains("sh './build.sh Ci --profile ecr-cn'", files.Single(f => f.RelativePath == "Jenkinsfile").Content);
    }

    [Fact]
    public void A_later_job_needs_the_earlier_one_skips_what_it_ran_and_receives_its_outputs()
    {
        var jobs = Jobs("two-jobs", "release");
        Assert.Equal(["ci", "release"], jobs.Select(j => j.Key));
        Assert.Equal("./build.sh Ci", Run(jobs, "ci"));
        Assert.Equal("./build.sh Release --skip Compile Test DockerBuild PushEcr Ci", Run(jobs, "release"));
        Assert.Equal(["ci"], Needs(jobs, "release"));

        var upload = Steps(jobs, "ci").Single(s => Action(s) == "actions/upload-artifact")!["with"]!;
        Assert.Equal("outputs-ci", upload["name"]!.GetValue<string>());
        Assert.Equal("artifacts/outputs/", upload["path"]!.GetValue<string>());
        var download = Steps(jobs, "release").Single(s => Action(s) == "actions/download-artifact")!["with"]!;
        Assert.Equal("outputs-ci", download["pattern"]!.GetValue<string>());
        Assert.Equal("artifacts/outputs", download["path"]!.GetValue<string>());
        Assert.DoesNotContain("actions/upload-artifact", Uses(jobs, "release"));
    }

    [Fact]
    public void Needs_lists_only_the_nearest_jobs_and_an_after_edge_orders_jobs()
    {
        // Cd runs BumpConfigRepo, which only runs after PushEcr: the Cd job waits for Ci without skipping anything.
        var jobs = Jobs("environment-gate", "release");
        Assert.Equal(["ci", "cd", "release"], jobs.Select(j => j.Key));
        Assert.Equal(["ci"], Needs(jobs, "cd"));
        Assert.Equal("./build.sh Cd", Run(jobs, "cd"));
        Assert.Equal(["cd"], Needs(jobs, "release"));
        Assert.Equal("./build.sh Release --skip Compile Test DockerBuild PushEcr Ci BumpConfigRepo WaitRollout Cd", Run(jobs, "release"));
    }

    [Fact]
    public void A_deploy_job_carries_its_environment_and_the_Jenkins_stage_asks_for_input()
    {
        var jobs = Jobs("environment-gate", "release");
        Assert.Equal("prod", jobs["cd"]!["environment"]!["name"]!.GetValue<string>());
        Assert.Equal("https://app.example.com", jobs["cd"]!["environment"]!["url"]!.GetValue<string>());
        Assert.Null(jobs["ci"]!["environment"]);

        var jenkinsfile = GeneratedFiles.Generate("environment-gate").Single(f => f.RelativePath == "Jenkinsfile").Content;
        var cdStage = jenkinsfile[jenkinsfile.IndexOf("stage('Cd')", StringComparison.Ordinal)..];
        Assert.Contains("input {\n                message 'Deploy to prod?'", cdStage, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_reach_the_build_step_as_the_parameters_environment_variables()
    {
        var jobs = Jobs("secrets", "ci");
        var env = Steps(jobs, "ci").Single(s => s!["run"] is not null)!["env"]!.AsObject();
        Assert.Equal("${{ secrets.CONFIG_REPO_TOKEN }}", env["PIPELINES_CONFIG_REPO_TOKEN"]!.GetValue<string>());
        Assert.Equal("${{ secrets.REGISTRY_PASSWORD }}", env["PIPELINES_REGISTRY_PASSWORD"]!.GetValue<string>());

        var jenkinsfile = GeneratedFiles.Generate("secrets").Single(f => f.RelativePath == "Jenkinsfile").Content;
        Assert.Contains(
            "                withCredentials([\n" +
            "                    string(credentialsId: 'config-repo-token', variable: 'PIPELINES_CONFIG_REPO_TOKEN'),\n" +
            "                    string(credentialsId: 'registry-password', variable: 'PIPELINES_REGISTRY_PASSWORD')\n" +
            "                ]) {\n" +
            "                    sh './build.sh Ci'\n", jenkinsfile, StringComparison.Ordinal);
    }

    [Fact]
    public void An_AWS_role_grants_id_token_write_and_is_assumed_before_the_build_step()
    {
        var workflow = WorkflowJson.Parse(GeneratedFiles.Generate("oidc")[0].Content)!;
        var permissions = workflow["permissions"]!;
        Assert.Equal("write", permissions["id-token"]!.GetValue<string>());
        Assert.Equal("read", permissions["contents"]!.GetValue<string>());
        Assert.Equal("read", permissions["pull-requests"]!.GetValue<string>());

        var steps = workflow["jobs"]!["ci"]!["steps"]!.AsArray().ToList();
        var aws = steps.FindIndex(s => Action(s) == "aws-actions/configure-aws-credentials");
        Assert.True(aws >= 0 && aws < steps.FindIndex(s => s!["run"] is not null));
        Assert.Equal("arn:aws-cn:iam::123456789012:role/pipelines-ci", steps[aws]!["with"]!["role-to-assume"]!.GetValue<string>());
        Assert.Equal("cn-north-1", steps[aws]!["with"]!["aws-region"]!.GetValue<string>());
    }

    [Fact]
    public void Dispatch_inputs_are_typed_from_the_parameters_and_reach_the_step()
    {
        var workflow = WorkflowJson.Parse(GeneratedFiles.Generate("dispatch-inputs")[0].Content)!;
        var inputs = workflow["on"]!["workflow_dispatch"]!["inputs"]!;
        Assert.Equal("choice", inputs["environment"]!["type"]!.GetValue<string>());
        Assert.Equal(["Dev", "Prod"], inputs["environment"]!["options"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.True(inputs["environment"]!["required"]!.GetValue<bool>());
        Assert.Equal("string", inputs["image-tag"]!["type"]!.GetValue<string>());
        Assert.Equal("boolean", inputs["auto-rollback"]!["type"]!.GetValue<string>());
        Assert.Equal("string", inputs["rollout-timeout-minutes"]!["type"]!.GetValue<string>());
        var env = workflow["jobs"]!["promote"]!["steps"]!.AsArray().Single(s => s!["run"] is not null)!["env"]!;
        Assert.Equal("${{ inputs.environment }}", env["PIPELINES_ENVIRONMENT"]!.GetValue<string>());
        Assert.Equal("*/30 5 * * 1-5", workflow["on"]!["schedule"]![0]!["cron"]!.GetValue<string>());
    }

    [Fact]
    public void Several_runner_images_make_a_matrix_with_one_artifact_per_image()
    {
        var jobs = Jobs("matrix", "ci");
        Assert.Equal("${{ matrix.os }}", jobs["ci"]!["runs-on"]!.GetValue<string>());
        Assert.Equal(["ubuntu-latest", "windows-latest"], jobs["ci"]!["strategy"]!["matrix"]!["os"]!.AsArray().Select(o => o!.GetValue<string>()));
        var download = Steps(jobs, "release").Single(s => Action(s) == "actions/download-artifact")!["with"]!;
        Assert.Equal("outputs-ci-${{ matrix.os }}", download["pattern"]!.GetValue<string>());
    }

    [CiJob("Ci")]
    [CiJob("Lint")]
    [GitHubActions("ci", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Ci", "Lint"])]
    [Jenkins(InvokedTargets = ["Ci", "Lint"])]
    private sealed class TwoIndependentJobs;

    [Fact]
    public void Jobs_that_share_only_a_dependency_run_in_parallel_on_GitHub_and_in_turn_on_Jenkins()
    {
        var build = new BuildDescription(typeof(TwoIndependentJobs),
        [
            new("Compile", null, [], [], [], false, [], typeof(JobGraph)),
            new("Ci", null, ["Compile"], [], [], false, [], typeof(JobGraph)),
            new("Lint", null, ["Compile"], [], [], false, [], typeof(JobGraph)),
        ], [], []);
        var files = CiFiles.Generate(build);
        var jobs = WorkflowJson.Parse(files[0].Content)!["jobs"]!.AsObject();
        Assert.Equal(["ci", "lint"], jobs.Select(j => j.Key));
        Assert.Empty(Needs(jobs, "lint"));
        Assert.Equal("./build.sh Lint", Run(jobs, "lint"));
        Assert.Contains("sh './build.sh Lint --skip Compile'", files[1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_target_fails_with_one_line_naming_it()
    {
        var build = SampleBuilds.Describe(typeof(Misspelt));
        var error = Assert.Throws<CiConfigurationException>(() => CiFiles.Generate(build));
        Assert.Equal("[GitHubActions(\"ci\")]: InvokedTargets names 'ci', which is not a target of Misspelt; did you mean 'Ci'?", error.Message);
    }

    [Fact]
    public void Importing_a_parameter_that_is_not_secret_fails_with_one_line()
    {
        var error = Assert.Throws<CiConfigurationException>(() => CiFiles.Generate(SampleBuilds.Describe(typeof(NotSecret))));
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("'ImageTag', which is not marked [Secret]", error.Message, StringComparison.Ordinal);
    }

    [GitHubActions("ci", On = [GitHubActionsTrigger.Push], InvokedTargets = ["ci"])]
    private sealed class Misspelt;

    [GitHubActions("ci", On = [GitHubActionsTrigger.Push], InvokedTargets = ["Ci"], ImportSecrets = ["ImageTag"])]
    private sealed class NotSecret;
}
