using Pipelines.Components;
using Pipelines.Kubernetes;

namespace Pipelines.Components.Tests.Kubernetes;

/// <summary>Rollout progress as lines for logs, and as rows redrawn in place on an interactive terminal.</summary>
public sealed class RolloutLogging
{
    sealed class RecordingDisplay : ILiveDisplay
    {
        public Dictionary<string, string> Rows { get; } = [];
        public int Updates { get; private set; }

        public void SetRow(string key, string? text)
        {
            Updates++;
            if (text is null)
                Rows.Remove(key);
            else
                Rows[key] = text;
        }
    }

    static readonly WorkloadReference Web = WorkloadReference.Parse("deployment/shop/web");

    static RolloutProgress Step(int updated, int available, bool done = false, string? error = null)
    {
        var state = new WorkloadState(Web, 3, updated, available, available, true, new RolloutVerdict(done, done ? "successfully rolled out" : "waiting", error));
        return new(Web.ToString(), state.ToString(), TimeSpan.FromSeconds(updated), state);
    }

    static RolloutProgress Flux(string message) => new("kustomization/flux-system/apps", message, TimeSpan.Zero);

    [Fact]
    public void Without_a_live_display_every_change_is_a_line()
    {
        var log = new StringWriter();
        using (var progress = new RolloutLog(log))
        {
            progress.Report(Flux("applied main@sha1:abc"));
            progress.Report(Step(1, 0));
            progress.Report(Step(2, 1));
            progress.Report(Step(3, 3, done: true));
        }

        var lines = log.ToString().TrimEnd().Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Contains("kustomization/flux-system/apps: applied main@sha1:abc", lines[0]);
        Assert.Contains("2/3 updated, 1 ready, 1 available", lines[2]);
    }

    [Fact]
    public void On_a_terminal_a_workload_is_one_row_redrawn_in_place_and_the_log_keeps_its_first_and_last_state()
    {
        var log = new StringWriter();
        var display = new RecordingDisplay();
        using (var progress = new RolloutLog(log, display))
        {
            progress.Report(Flux("applied main@sha1:abc"));
            progress.Report(Step(1, 0));
            progress.Report(Step(2, 1));
            Assert.Contains("2/3 updated, 1 ready, 1 available", Assert.Single(display.Rows).Value);
            progress.Report(Step(3, 3, done: true));
            Assert.Contains("3/3 updated, 3 ready, 3 available", display.Rows[Web.ToString()]);
        }

        Assert.Empty(display.Rows);
        Assert.Equal(4, display.Updates);
        var lines = log.ToString().TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Contains("applied main@sha1:abc", lines[0]);
        Assert.Contains("1/3 updated", lines[1]);
        Assert.Contains("3/3 updated, 3 ready, 3 available (successfully rolled out)", lines[2]);
    }

    [Fact]
    public void A_failing_workload_reaches_the_log_even_on_a_terminal()
    {
        var log = new StringWriter();
        using (var progress = new RolloutLog(log, new RecordingDisplay()))
        {
            progress.Report(Step(1, 0));
            progress.Report(Step(1, 0, error: "progress deadline exceeded"));
        }

        Assert.Contains("progress deadline exceeded", log.ToString());
    }
}
