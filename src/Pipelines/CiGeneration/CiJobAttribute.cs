namespace Pipelines.CiGeneration;

/// <summary>
/// Marks a target as a job boundary in generated CI: the GitHub workflow gets a job and the Jenkinsfile a stage
/// that ends with this target, running after the jobs of the boundaries it depends on.
/// </summary>
/// <example><code>
/// [CiJob(nameof(Ci))]
/// [CiJob(nameof(Cd), Environment = "prod", EnvironmentUrl = "https://app.example.com")]
/// </code></example>
/// <param name="target">The target that ends the job (use <c>nameof</c>).</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class CiJobAttribute(string target) : Attribute
{
    /// <summary>The target that ends the job.</summary>
    public string Target { get; } = target;

    /// <summary>
    /// A deployment environment guarding the job: GitHub's <c>environment:</c> (so its protection rules, such as
    /// required reviewers, gate the job) and a Jenkins <c>input</c> step asking to proceed.
    /// </summary>
    public string? Environment { get; init; }

    /// <summary>The URL GitHub shows for the <see cref="Environment"/>.</summary>
    public string? EnvironmentUrl { get; init; }
}
