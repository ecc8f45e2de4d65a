using System.Text.Json.Nodes;

namespace Pipelines.Testing.Kubernetes;

public sealed partial class RolloutScript
{
    /// <summary>The pre-promotion AnalysisRun of the blue-green update, once one ran.</summary>
    public string? PrePromotionAnalysisRun { get; private set; }

    private bool IsBlueGreen => _store.Get(Rollouts, Namespace, Name)!["spec"]!["strategy"]!["blueGreen"] is not null;

    /// <summary>
    /// Creates a blue-green Rollout fully promoted with <paramref name="image"/>, as <c>examples/rollout-bluegreen.yaml</c> declares
    /// one: an active and a preview Service, a pre-promotion analysis, and either no auto-promotion (a person promotes) or
    /// promotion <paramref name="autoPromotionSeconds"/> after the preview is ready.
    /// </summary>
    public static RolloutScript CreateBlueGreen(KubernetesStandIn standIn, string ns, string name, string image, int replicas = 3, int autoPromotionSeconds = 0)
    {
        var blueGreen = new JsonObject
        {
            ["activeService"] = $"{name}-active",
            ["previewService"] = $"{name}-preview",
            ["prePromotionAnalysis"] = new JsonObject { ["templates"] = new JsonArray(new JsonObject { ["templateName"] = "smoke-tests" }) },
        };
        if (autoPromotionSeconds > 0)
            blueGreen["autoPromotionSeconds"] = autoPromotionSeconds;
        else
            blueGreen["autoPromotionEnabled"] = false;
        return CreateWith(standIn, ns, name, image, replicas, new JsonObject { ["blueGreen"] = blueGreen });
    }

    /// <summary>The preview ReplicaSet is scaled up and ready behind the preview Service; the active one still serves the old pods.</summary>
    public void ScaleUpPreview()
    {
        ScaleCanary(Replicas);
        Status(s =>
        {
            Counts(s, Replicas);
            s["blueGreen"] = new JsonObject { ["activeSelector"] = StableHash, ["previewSelector"] = CurrentHash };
            s["phase"] = "Progressing";
            s["message"] = "active service cutover pending";
        });
    }

    /// <summary>The pre-promotion analysis starts against the preview.</summary>
    public void StartPrePromotionAnalysis()
    {
        PrePromotionAnalysisRun = $"{Name}-{CurrentHash}-{_revision}-pre";
        _events.Record(Name, "Normal", "AnalysisRunRunning", $"PrePromotion Analysis Run '{PrePromotionAnalysisRun}' Status New: 'Running' Previous: ''");
        BlueGreenStatus(b => b["prePromotionAnalysisRunStatus"] = new JsonObject { ["name"] = PrePromotionAnalysisRun, ["status"] = "Running" });
    }

    /// <summary>The pre-promotion analysis passes, and the controller pauses before the cutover (BlueGreenPause, started now).</summary>
    public void PrePromotionAnalysisSucceeded()
    {
        BlueGreenStatus(b => b["prePromotionAnalysisRunStatus"] = new JsonObject { ["name"] = PrePromotionAnalysisRun, ["status"] = "Successful" });
        PauseFor("BlueGreenPause");
    }

    /// <summary>The pre-promotion analysis fails with <paramref name="message"/>: the controller aborts, as <c>setPauseOrAbortForBlueGreen</c> does.</summary>
    public void PrePromotionAnalysisFailed(string message)
    {
        BlueGreenStatus(b => b["prePromotionAnalysisRunStatus"] = new JsonObject { ["name"] = PrePromotionAnalysisRun, ["status"] = "Failed", ["message"] = message });
        Abort("Blue/green pre-promotion analysis phase error/failed: " + message);
    }

    private void BlueGreenStatus(Action<JsonObject> change) =>
        Status(s =>
        {
            s["blueGreen"] ??= new JsonObject();
            change(s["blueGreen"]!.AsObject());
        });
}
