namespace Pipelines;

/// <summary>Where the build runs, which decides how output is shaped.</summary>
public enum CiHost
{
    /// <summary>A developer terminal (colour when not redirected).</summary>
    Terminal,
    /// <summary>GitHub Actions: groups, annotations, masks and a step summary.</summary>
    GitHubActions,
    /// <summary>Jenkins: plain, ANSI-free sections.</summary>
    Jenkins,
}
