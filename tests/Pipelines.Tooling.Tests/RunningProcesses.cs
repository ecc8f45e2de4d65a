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

    // A daemon the tool started inherits its pipes (a build server, an agent, `sleep &`): the tool's exit ends the run,
    // after a bounded drain, instead of waiting for the daemon to close output it was never meant to produce.
    [Fact]
    public async Task A_process_the_tool_left_running_does_not_hold_the_run_open()
    {
        var output = new StringWriter();
        var runner = new ProcessRunner(new SecretMasker(), output) { OutputDrain = TimeSpan.FromSeconds(2) };

        var run = runner.RunAsync("sh", ["-c", "sleep 60 & echo $!; echo printed before exit; exit 3"], throwOnError: false);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(run, finished);
        var result = await run;
        var daemon = int.Parse(result.StandardOutput.Split('\n')[0]);
        try
        {
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("printed before exit", result.StandardOutput);
            Assert.True(IsRunning(daemon), "the left-behind process still runs: it is the tool's, not the runner's, to stop");
            Assert.Contains("(sh exited, but a process it started still holds its output; not waiting for it)", output.ToString());
        }
        finally
        {
            System.Diagnostics.Process.GetProcessById(daemon).Kill();
        }
    }

    // A script written a moment ago is still open for writing in any child another thread forked meanwhile, until that
    // child runs its own program; Linux then refuses to run the script ("Text file busy"). Here a child holds it open for
    // a fifth of a second, on purpose, and the run starts it once it is free.
    [Fact]
    public async Task A_program_still_open_for_writing_elsewhere_is_started_once_it_is_free()
    {
        if (OperatingSystem.IsWindows())
            return;
        var folder = Directory.CreateTempSubdirectory("pipelines-busy-").FullName;
        try
        {
            var script = Path.Combine(folder, "tool");
            File.WriteAllText(script, "#!/bin/sh\necho started\n");
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var opened = Path.Combine(folder, "opened");
            using var holder = System.Diagnostics.Process.Start("sh", ["-c", $"exec 3>>'{script}'; : > '{opened}'; sleep 0.2"]);
            while (!File.Exists(opened))
                await Task.Delay(5);

            var result = await new ProcessRunner(new SecretMasker(), new StringWriter()).RunAsync(script, [], quiet: true);

            Assert.Equal("started\n", result.StandardOutput);
            await holder.WaitForExitAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
