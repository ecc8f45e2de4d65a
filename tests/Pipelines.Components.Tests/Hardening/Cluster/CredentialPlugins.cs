using Pipelines.Testing.Faults;
using Xunit.Abstractions;

namespace Pipelines.Components.Tests.Hardening.Cluster;

/// <summary>
/// Kubeconfig exec credential plugins that hang, flood, print garbage, fail, lie about their version or are missing: each ends
/// WaitRollout with one line naming the plugin and the parameter to act on, within its bound, with no process of the plugin left
/// running and nothing the plugin printed in the output.
/// </summary>
public sealed class CredentialPlugins(HostileClusterScene scene, ITestOutputHelper output) : IClassFixture<HostileClusterScene>
{
    static string Marker() => "hostile-marker-" + Guid.NewGuid().ToString("N")[..12];

    // A number no other process has on its command line: sleep takes it as its duration, so the sleeps carry it too.
    static string Seconds() => Random.Shared.Next(600_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    async Task<HostileRun> RunPluginAsync(string name, string body, string[] more, string? userYaml = null)
    {
        var root = scene.NewRoot(name);
        HostileClusterScene.Plugin(root, name, body);
        return await HostileRun.RunAsync<RolloutWaitBuild>(root, HostileClusterScene.Wait(scene.Kubeconfig(root, userYaml ?? HostileClusterScene.ExecUser(name)), more));
    }

    [Fact]
    public async Task A_plugin_that_never_exits_is_killed_with_its_children_at_its_bound()
    {
        var marker = Seconds();
        // A child shell and two sleeps that outlive a plain kill of the plugin; each carries the marker.
        var run = await RunPluginAsync("hangs", $"sh -c 'sleep {marker}; : {marker}' &\nexec sh -c 'sleep {marker}; : {marker}'", ["--kube-exec-timeout", "00:00:02"]);
        run.AssertHandled(1, 15, ["--kubeconfig user 'hostile': the exec credential plugin hangs did not finish within 00:00:02", "stopped with its child processes", "--kube-exec-timeout"]);
        await LeftoverProcesses.AssertNoneAsync(marker);
        HardeningFigures.Record(output, "hostile", "cluster/exec-plugin-never-exits", ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)), ("left", 0));
    }

    [Fact]
    public async Task A_plugin_that_prints_without_end_is_stopped_at_the_output_bound()
    {
        var marker = Marker();
        var run = await RunPluginAsync("floods", $"yes {marker}", ["--kube-exec-timeout", "00:00:30"]);
        run.AssertHandled(1, 20, ["the exec credential plugin floods printed more than 1024 KiB", "stopped with its child processes"], marker);
        await LeftoverProcesses.AssertNoneAsync(marker);
        HardeningFigures.Record(output, "hostile", "cluster/exec-plugin-floods", ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)), ("left", 0));
    }

    [Fact]
    public async Task A_plugin_that_prints_garbage_is_one_line_that_does_not_quote_it()
    {
        const string secret = "garbage-secret-8d1f2a";
        var run = await RunPluginAsync("garbage", $"printf '\\033]0;pwned\\007{{\"token\": \"{secret}\" nope'", []);
        run.AssertHandled(1, 15, ["the exec credential plugin garbage printed", "bytes that are not JSON"], secret, "\u001b", "pwned");
        HardeningFigures.Record(output, "hostile", "cluster/exec-plugin-prints-garbage", ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)));
    }

    [Fact]
    public async Task A_plugin_that_fails_is_one_line_with_its_last_error()
    {
        var run = await RunPluginAsync("fails", "echo 'error: the SSO session has expired' >&2\nexit 3", []);
        run.AssertHandled(1, 15, ["the exec credential plugin fails exited with code 3: error: the SSO session has expired"]);
        HardeningFigures.Record(output, "hostile", "cluster/exec-plugin-fails", ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)));
    }

    [Fact]
    public async Task A_plugin_that_answers_another_apiVersion_is_refused_without_using_its_token()
    {
        const string secret = "v1alpha1-token-4c3b2a";
        var run = await RunPluginAsync("old", $"echo '{{\"apiVersion\":\"client.authentication.k8s.io/v1alpha1\",\"kind\":\"ExecCredential\",\"status\":{{\"token\":\"{secret}\"}}}}'", []);
        run.AssertHandled(1, 15, ["answered with another apiVersion than the kubeconfig's client.authentication.k8s.io/v1beta1"], secret);
        HardeningFigures.Record(output, "hostile", "cluster/exec-plugin-wrong-api-version", ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)));
    }

    [Fact]
    public async Task A_missing_plugin_is_one_line_with_its_install_hint()
    {
        var root = scene.NewRoot("missing");
        var kubeconfig = scene.Kubeconfig(root, "{exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws-iam-authenticator-missing, interactiveMode: Never, "
            + "installHint: \"install aws-iam-authenticator\\nfrom your package manager\"}}");
        var run = await HostileRun.RunAsync<RolloutWaitBuild>(root, HostileClusterScene.Wait(kubeconfig));
        run.AssertHandled(1, 15, ["'aws-iam-authenticator-missing' is not on PATH", "install aws-iam-authenticator from your package manager"]);
        HardeningFigures.Record(output, "hostile", "cluster/exec-plugin-missing", ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)));
    }

    [Fact]
    public async Task A_plugin_that_always_wants_a_terminal_is_bad_input_and_never_runs()
    {
        var root = scene.NewRoot("interactive");
        var ran = Path.Combine(root, "ran");
        HostileClusterScene.Plugin(root, "login", $"touch {ran}");
        var run = await HostileRun.RunAsync<RolloutWaitBuild>(root, HostileClusterScene.Wait(scene.Kubeconfig(root, HostileClusterScene.ExecUser("login", mode: "Always"))));
        run.AssertHandled(2, 15, ["--kubeconfig user 'hostile' has an exec plugin that always needs an interactive login", "interactiveMode: Never"]);
        Assert.False(File.Exists(ran));
        HardeningFigures.Record(output, "hostile", "cluster/exec-plugin-interactive-always", ("tried", 1), ("handled", 1), ("seconds", Math.Round(run.Seconds, 1)));
    }
}
