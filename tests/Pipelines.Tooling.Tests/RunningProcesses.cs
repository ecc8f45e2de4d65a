using Pipelines.Tooling;

namespace Pipelines.Tooling.Tests;

public class RunningProcesses
{
    [Fact]
    public async Task Arguments_are_passed_as_a_list_without_shell_interpretation()
    {
        var output = new StringWriter();
        var runner = new ProcessRunner(new SecretMasker(), output);

        var result = await runner.RunAsync("printf", ["%s|", "a b", "$HOME", "'quoted'"], quiet: true);

        Assert.Equal("a b|$HOME|'quoted'|", result.StandardOutput.TrimEnd('\n'));
    }

    [Fact]
    public async Task Streamed_output_and_the_echoed_command_are_redacted()
    {
        var masker = new SecretMasker();
        masker.Add("hunter2-password");
        var output = new StringWriter();
        var runner = new ProcessRunner(masker, output);

        var result = await runner.RunAsync("sh", ["-c", "echo out: $0; echo err: $0 >&2", "hunter2-password"]);

        Assert.DoesNotContain("hunter2-password", output.ToString());
        Assert.Contains("out: ***", output.ToString());
        Assert.Contains("err: ***", output.ToString());
        Assert.Contains("hunter2-password", result.StandardOutput); // captured output stays raw for parsing
    }

    [Fact]
    public async Task A_non_zero_exit_names_the_command_and_its_last_lines_with_secrets_masked()
    {
        var output = new StringWriter();
        var runner = new ProcessRunner(new SecretMasker(), output);

        var error = await Assert.ThrowsAsync<ProcessFailedException>(() =>
            runner.RunAsync("sh", ["-c", "echo first; echo 'fatal: token tok-123456 refused' >&2; exit 3"],
                secrets: ["tok-123456"], quiet: true));

        Assert.Equal(3, error.ExitCode);
        Assert.Equal("sh exited with code 3: fatal: token *** refused", error.Message);
        Assert.StartsWith("sh -c ", error.CommandLine);
        Assert.DoesNotContain("tok-123456", error.Message);
    }

    // A test (or a run) that gives the tools a PATH means that PATH: falling back to this process's would hide a missing tool.
    [Fact]
    public async Task A_tool_missing_from_the_run_s_PATH_is_not_found_even_where_this_process_would_find_it()
    {
        var empty = Directory.CreateTempSubdirectory("pipelines-empty-path-").FullName;
        try
        {
            var runner = new ProcessRunner(new SecretMasker(), new StringWriter(), new Dictionary<string, string?> { ["PATH"] = empty });

            var error = await Assert.ThrowsAsync<ToolNotFoundException>(() => runner.RunAsync("printf", ["x"], quiet: true));

            Assert.Equal("printf", error.Tool);
            Assert.Contains("not found on the run's PATH", error.Message);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public async Task Errors_can_be_returned_instead_of_thrown()
    {
        var runner = new ProcessRunner(new SecretMasker(), new StringWriter());

        var result = await runner.RunAsync("sh", ["-c", "exit 4"], throwOnError: false);

        Assert.Equal(4, result.ExitCode);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_missing_tool_says_what_to_install()
    {
        var runner = new ProcessRunner(new SecretMasker(), new StringWriter());

        var error = await Assert.ThrowsAsync<ToolNotFoundException>(() =>
            runner.RunAsync("no-such-tool-pipelines", []));

        Assert.Contains("'no-such-tool-pipelines' could not be started", error.Message);
        Assert.Contains("install it or put it on PATH", error.Message);
    }

    [Fact]
    public async Task Environment_and_standard_input_reach_the_tool()
    {
        var runner = new ProcessRunner(new SecretMasker(), new StringWriter());

        var result = await runner.RunAsync("sh", ["-c", "read line; echo \"$GREETING $line\""],
            environment: new Dictionary<string, string?> { ["GREETING"] = "hello" }, standardInput: "world\n", quiet: true);

        Assert.Equal("hello world\n", result.StandardOutput);
    }

    [Fact]
    public async Task Cancellation_kills_the_process_tree()
    {
        var runner = new ProcessRunner(new SecretMasker(), new StringWriter());
        using var cts = new CancellationTokenSource();
        var marker = Path.Combine(Path.GetTempPath(), "pipelines-cancel-" + Guid.NewGuid().ToString("N"));

        // The child writes its PID and then sleeps; we cancel once the PID is there.
        var run = runner.RunAsync("sh", ["-c", $"echo $$ > {marker}; exec sleep 30"], quiet: true, ct: cts.Token);
        while (!File.Exists(marker) || new FileInfo(marker).Length == 0)
            await Task.Delay(10);
        var pid = int.Parse(File.ReadAllText(marker).Trim());
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        File.Delete(marker);
        // The kill is asynchronous; give the kernel a bounded moment to reap the child.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (IsRunning(pid) && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.False(IsRunning(pid), $"process {pid} still runs after cancellation");
    }

    static bool IsRunning(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");
        }
        catch (IOException)
        {
            return false;
        }
    }
}
