using Pipelines.Testing.Kubernetes;

namespace Pipelines.Kubernetes.Tests.Canaries;

/// <summary>The real kubectl reads the stand-in's Rollouts and Canaries as it reads them from a cluster with Argo Rollouts and Flagger.</summary>
public sealed class CanaryStandInAgainstKubectl : StandInWithKubectl
{
    [Fact]
    public async Task Kubectl_lists_rollouts_and_canaries_across_namespaces_with_their_printer_columns()
    {
        var rollout = RolloutScript.Create(StandIn, "shop", "web", "registry.example/web:v1");
        var canary = CanaryScript.Create(StandIn, "pay", "api", "registry.example/api:v1");
        rollout.SetImage("registry.example/web:v2");
        rollout.ObserveGeneration();
        rollout.SetWeight();
        canary.SetImage("registry.example/api:v2");
        canary.DetectNewRevision();
        canary.Advance(10);

        var get = await Kubectl.RunAsync("get", "rollouts,canaries", "-A");

        Assert.True(get.ExitCode == 0, get.StandardError);
        var lines = get.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAMESPACE\s+NAME\s+DESIRED\s+CURRENT\s+UP-TO-DATE\s+AVAILABLE\s+AGE$", lines[0]);
        Assert.Matches(@"^shop\s+rollout\.argoproj\.io/web\s+5\s+6\s+1\s+6\s+\d+s$", lines[1]);
        Assert.Matches(@"^NAMESPACE\s+NAME\s+STATUS\s+WEIGHT\s+LASTTRANSITIONTIME$", lines[2]);
        Assert.Matches(@"^pay\s+canary\.flagger\.app/api\s+Progressing\s+10\s+\d{4}-\d{2}-\d{2}T", lines[3]);

        var wide = await Kubectl.RunAsync("get", "canary", "api", "-n", "pay", "-o", "wide");
        Assert.True(wide.ExitCode == 0, wide.StandardError);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(wide.StandardOutput, @"FAILEDCHECKS\s+INTERVAL"), wide.StandardOutput);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(wide.StandardOutput, @"api\s+Progressing\s+10\s+0\s+15s\s+10\s+50\s+\d{4}-"), wide.StandardOutput);

        var shortName = await Kubectl.RunAsync("get", "ro", "web", "-n", "shop", "-o", "jsonpath={.status.phase} {.status.currentStepIndex} {.status.stableRS}");
        Assert.True(shortName.ExitCode == 0, shortName.StandardError);
        Assert.Matches(@"^Progressing 1 [b-z2-9]{10}$", shortName.StandardOutput.Trim());
    }

    [Fact]
    public async Task Kubectl_reads_an_aborted_rollout_as_yaml_with_the_status_argo_rollouts_writes()
    {
        var rollout = RolloutScript.Create(StandIn, "shop", "web", "registry.example/web:v1");
        rollout.SetImage("registry.example/web:v2");
        rollout.ObserveGeneration();
        rollout.SetWeight();
        rollout.Resume(); // past the pause step
        rollout.SetWeight();
        rollout.StartAnalysis();
        rollout.AnalysisFailed("Metric \"success-rate\" assessed Failed due to failed (3) > failureLimit (2)");

        var yaml = await Kubectl.RunAsync("get", "rollout", "web", "-n", "shop", "-o", "yaml");

        Assert.True(yaml.ExitCode == 0, yaml.StandardError);
        Assert.True(yaml.StandardOutput.Contains("apiVersion: argoproj.io/v1alpha1\nkind: Rollout\n", StringComparison.Ordinal), yaml.StandardOutput);
        Assert.True(yaml.StandardOutput.Contains("  abort: true\n", StringComparison.Ordinal), yaml.StandardOutput);
        Assert.True(yaml.StandardOutput.Contains("  phase: Degraded\n", StringComparison.Ordinal), yaml.StandardOutput);
        Assert.True(yaml.StandardOutput.Contains($"      name: {rollout.AnalysisRun}\n", StringComparison.Ordinal), yaml.StandardOutput);
        Assert.True(yaml.StandardOutput.Contains("      status: Failed\n", StringComparison.Ordinal), yaml.StandardOutput);
        // YAML folds long strings: compare with the folds undone.
        var unfolded = System.Text.RegularExpressions.Regex.Replace(yaml.StandardOutput, @"\n +(?=[^ \-])", " ");
        Assert.True(unfolded.Contains("message: 'RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error/failed: Metric \"success-rate\" assessed Failed due to failed (3) > failureLimit (2)'", StringComparison.Ordinal), yaml.StandardOutput);
        Assert.True(yaml.StandardOutput.Contains("    reason: RolloutAborted\n", StringComparison.Ordinal), yaml.StandardOutput);
    }

    [Fact]
    public async Task Kubectl_gets_canaries_in_the_all_category_and_the_schema_refuses_a_misspelt_field()
    {
        CanaryScript.Create(StandIn, "pay", "api", "registry.example/api:v1");

        var all = await Kubectl.RunAsync("get", "all", "-n", "pay");
        Assert.True(all.ExitCode == 0, all.StandardError);
        Assert.True(all.StandardOutput.Contains("canary.flagger.app/api", StringComparison.Ordinal), all.StandardOutput);
        Assert.True(all.StandardOutput.Contains("deployment.apps/api-primary", StringComparison.Ordinal), all.StandardOutput);

        // kubectl's own strict validation needs the server's OpenAPI documents, which the stand-in does not serve: the strict
        // request is sent raw, as kubectl sends it, and the default (pruning) one with client validation off.
        var json = Path.Combine(Folder, "canary.json");
        await File.WriteAllTextAsync(json, """
            {"apiVersion": "flagger.app/v1beta1", "kind": "Canary", "metadata": {"name": "misspelt", "namespace": "pay"},
             "spec": {"targetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"}, "analysis": {"interval": "1m", "treshold": 5}}}
            """);
        var strict = await Kubectl.RunAsync("create", "--raw", "/apis/flagger.app/v1beta1/namespaces/pay/canaries?fieldValidation=Strict", "-f", json);
        Assert.NotEqual(0, strict.ExitCode);
        Assert.True(strict.StandardError.Contains("strict decoding error: unknown field \"spec.analysis.treshold\"", StringComparison.Ordinal), strict.StandardError);

        var pruned = await Kubectl.RunAsync("create", "--validate=false", "-f", json);
        Assert.True(pruned.ExitCode == 0, pruned.StandardError);
        var analysis = await Kubectl.RunAsync("get", "canary", "misspelt", "-n", "pay", "-o", "jsonpath={.spec.analysis}");
        Assert.Equal("""{"interval":"1m"}""", analysis.StandardOutput.Trim());

        await File.WriteAllTextAsync(json, (await File.ReadAllTextAsync(json)).Replace("misspelt", "wrong-type").Replace("\"treshold\": 5", "\"threshold\": \"five\""));
        var wrongType = await Kubectl.RunAsync("create", "--validate=false", "-f", json);
        Assert.NotEqual(0, wrongType.ExitCode);
        Assert.True(wrongType.StandardError.Contains("spec.analysis.threshold in body must be of type number", StringComparison.Ordinal), wrongType.StandardError);
    }
}
