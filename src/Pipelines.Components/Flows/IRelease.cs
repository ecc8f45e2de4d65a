namespace Pipelines.Components;

/// <summary>Release = Ci then Cd: the image Ci pushes is the image Cd deploys, handed over as the <c>pushed-image</c> output.</summary>
public interface IRelease : ICi, ICd
{
    /// <summary>Builds, pushes and deploys.</summary>
    Target Release => _ => _
        .Description("Ci then Cd: build, test and push the image, then deploy it through the config repo")
        .DependsOn<ICi>(x => x.Ci)
        .DependsOn<ICd>(x => x.Cd);
}
