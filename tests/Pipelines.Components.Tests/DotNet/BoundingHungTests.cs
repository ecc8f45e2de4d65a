using Pipelines.Components;
using Pipelines.Testing;

namespace Pipelines.Components.Tests.DotNet;

/// <summary>
/// A test that never returns ends the Test target within its bound, named, instead of holding a CI agent until the agent's
/// own limit: a real <c>dotnet test</c> of a scratch xunit project with one test that passes and two that hang.
/// </summary>
public sealed class BoundingHungTests : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), "pipelines-hang-" + Guid.NewGuid().ToString("N")[..10]);

    public BoundingHungTests()
    {
        Directory.CreateDirectory(_root);
        var repository = SourceTree.Root;
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props" })
            File.Copy(Path.Combine(repository, file), Path.Combine(_root, file));
        File.WriteAllText(Path.Combine(_root, "Scratch.Tests.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" />
                <PackageReference Include="xunit" />
                <PackageReference Include="xunit.runner.visualstudio" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_root, "Tests.cs"), """
            namespace Scratch;
            public class Quick { [Xunit.Fact] public void Passes() { } }
            public class Stuck
            {
                [Xunit.Fact] public void Blocks() => Thread.Sleep(Timeout.Infinite);
                [Xunit.Fact] public Task Awaits() => Task.Delay(Timeout.Infinite);
            }
            public class Fatal { [Xunit.Fact] public void Crashes() => Environment.FailFast("scratch crash"); }
            """);
    }

    [Fact]
    public async Task A_test_that_never_returns_stops_the_run_at_the_bound_and_is_named()
    {
        var (exitCode, output, error) = await TestOnlyBuild.RunAsync(_root, "Test", "--test-hang-timeout", "5s", "--test-filter", "FullyQualifiedName!~Fatal");

        Assert.Equal(1, exitCode);
        var line = Assert.Single((output + error).Split('\n'), l => l.Contains("test bound", StringComparison.Ordinal));
        // xunit runs the two classes side by side and may start one stuck test before the other, or only one of them.
        Assert.Matches(@"Scratch\.Stuck\.(Blocks|Awaits)(, Scratch\.Stuck\.(Blocks|Awaits))? ran longer than the 5 s test bound and (was|were) stopped with the test host", line);
        Assert.Contains("1 passed", line);
        Assert.DoesNotContain("   at ", output + error);
    }

    [Fact]
    public async Task A_test_host_that_crashes_is_reported_as_an_aborted_run_not_a_hang()
    {
        var (exitCode, output, error) = await TestOnlyBuild.RunAsync(_root, "Test", "--test-filter", "FullyQualifiedName~Fatal");

        Assert.Equal(1, exitCode);
        Assert.True((output + error).Contains("Target Test failed: the test run was aborted: Test host process crashed : Process terminated", StringComparison.Ordinal), output + error);
        Assert.DoesNotContain("test bound", output + error);
    }

    [Fact]
    public async Task A_bound_under_a_second_is_refused_before_any_test_runs()
    {
        var (exitCode, output, error) = await TestOnlyBuild.RunAsync(_root, "Test", "--test-hang-timeout", "0s", "--skip", "Compile");

        Assert.Equal(2, exitCode);
        Assert.Contains("--test-hang-timeout is 00:00:00; give at least 1s, e.g. 10m", output + error);
        Assert.False(Directory.Exists(Path.Combine(_root, "artifacts", "test-results")));
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>Compile and Test, nothing else.</summary>
    public sealed class TestOnlyBuild : PipelineBuild, ITest
    {
        public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string root, params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var invocation = new BuildInvocation(args, InvocationEnvironment.Of(), stdout, stderr) { RootDirectory = root };
            var exitCode = await PipelineBuild.ExecuteAsync<TestOnlyBuild>(invocation, x => ((ITest)x).Test);
            return (exitCode, stdout.ToString(), stderr.ToString());
        }
    }
}
