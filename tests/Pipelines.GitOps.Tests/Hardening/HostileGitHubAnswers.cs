using System.Diagnostics;
using System.Runtime.CompilerServices;
using Pipelines.Testing.Faults;
using Xunit.Abstractions;

namespace Pipelines.GitOps.Tests.Hardening;

/// <summary>
/// A GitHub API (or a proxy in front of it) that sends the headers of an answer and then never ends its body, sends a body without
/// end, or answers HTML where JSON belongs, over real sockets. Each ends within the answer bound in one line naming GitHub; none
/// holds the build. (Octokit itself bounds only the wait for the headers.)
/// </summary>
public sealed class HostileGitHubAnswers(ITestOutputHelper output)
{
    static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(1);
    // Where the size bound must come first: 16 MiB over loopback on a loaded machine can take longer than a second.
    static readonly TimeSpan LongAnswerBound = TimeSpan.FromSeconds(20);
    // Far above the bounds, so that a run without them fails here instead of hanging the test run.
    static readonly TimeSpan TestBound = TimeSpan.FromSeconds(60);
    const string Json = "application/json; charset=utf-8";

    readonly Stopwatch _clock = Stopwatch.StartNew();

    async Task<GitHubAccessException> RefusedAsync(ScriptedHttpPeer peer, TimeSpan? answerBound = null)
    {
        var publisher = PullRequestPublisher.Create("ghp_token_never_printed_1234", peer.Url, answerBound ?? AnswerBound);
        return await Assert.ThrowsAsync<GitHubAccessException>(() => publisher.CheckAccessAsync("team", "config", CancellationToken.None).WaitAsync(TestBound));
    }

    void OneLine(Exception error, string expected, [CallerMemberName] string scenario = "")
    {
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain("ghp_token_never_printed_1234", error.Message);
        HardeningFigures.Record(output, "hostile", $"peer-answers/github-{scenario}", ("tried", 1), ("handled", 1), ("seconds", Math.Round(_clock.Elapsed.TotalSeconds, 1)));
    }

    [Fact]
    public async Task Headers_then_a_body_that_never_ends_fail_at_the_answer_bound()
    {
        await using var peer = ScriptedHttpPeer.Start(_ => ScriptedAnswer.Text(200, Json, """{"id": 1, "name": "con""") with { Stall = true });

        var error = await RefusedAsync(peer);

        // The client's request timeout, which covers the body now that the handler reads it.
        OneLine(error, "could not be used: GitHub did not answer (");
    }

    [Fact]
    public async Task A_body_without_end_is_cut_off_at_16_MiB()
    {
        await using var peer = ScriptedHttpPeer.Start(_ => ScriptedAnswer.Huge(Json, "{\"description\": \"", 256L * 1024 * 1024));

        var error = await RefusedAsync(peer, LongAnswerBound);

        OneLine(error, "could not be used: GitHub answered with more than 16 MiB, more than any answer here");
        Assert.True(peer.BodyBytesSent < 256L * 1024 * 1024, $"the whole {peer.BodyBytesSent} bytes were read");
    }

    [Theory]
    [InlineData("<html><body>Sign in to your proxy</body></html>")]
    [InlineData("""{"id": "not a number", "permissions": {"push": "maybe"}}""")]
    public async Task An_answer_that_is_not_the_json_of_the_api_is_refused_in_one_line(string body)
    {
        await using var peer = ScriptedHttpPeer.Start(_ => ScriptedAnswer.Text(200, Json, body));

        var error = await RefusedAsync(peer);

        OneLine(error, "could not be used: GitHub answered with something that is not the JSON of its API");
    }
}
