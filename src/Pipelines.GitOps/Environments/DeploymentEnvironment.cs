namespace Pipelines.GitOps;

/// <summary>A place the app runs: a name, the config-repo folder Flux applies for it, and how changes reach it.</summary>
/// <param name="Name">The environment name, e.g. <c>prod</c>.</param>
/// <param name="ConfigPath">Folder in the config repo, relative to its root, e.g. <c>clusters/prod</c>.</param>
/// <param name="PushMode">Push directly or through a pull request.</param>
public sealed record DeploymentEnvironment(string Name, string ConfigPath, PushMode PushMode)
{
    /// <summary>The conventional folder for an environment: <c>clusters/&lt;name&gt;</c>.</summary>
    public static string ConventionalPath(string name) => "clusters/" + name;
}
