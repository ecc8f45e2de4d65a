using static Pipelines.GitOps.Tests.Bumping.ConfigRepos;

namespace Pipelines.GitOps.Tests.Verifications;

/// <summary>Verification records for the tests: what a Verify of dev would write.</summary>
static class Records
{
    public static VerificationRecord Passed(string commit, string tag, TimeSpan soak, string environment = "dev", string? digest = null, DateTimeOffset? endedAt = null)
    {
        var end = endedAt ?? DateTimeOffset.UtcNow;
        return new VerificationRecord(environment, App, tag, digest, digest is null ? [] : [digest], commit, Passed: true, end - soak, end, Checks: 12,
            "service team/app:http /version", null, "https://ci.example/run/1", end);
    }

    public static VerificationRecord Failed(string commit, string tag, string failure, string environment = "dev", DateTimeOffset? endedAt = null)
    {
        var end = endedAt ?? DateTimeOffset.UtcNow;
        return new VerificationRecord(environment, App, tag, null, [], commit, Passed: false, end.AddSeconds(-30), end, Checks: 3,
            "service team/app:http /version", failure, null, end);
    }

    public static VerificationNotes Notes(string url) =>
        new(new ConfigRepoSettings(url), new Pipelines.Tooling.ProcessRunner(new Pipelines.Tooling.SecretMasker(), TextWriter.Null));
}
