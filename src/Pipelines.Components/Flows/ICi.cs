
namespace Pipelines.Components;

/// <summary>
/// Ci = Compile → Test → DockerBuild → SmokeTest → push. The push is PushEcr or PushImage, whichever the build composes
/// (<c>class Build : PipelineBuild, IRelease, IPushEcr</c>); a build composing both picks one with <c>--push-to</c>,
/// and <c>--push-to Local</c> keeps the image in the local engine. Either way Ci ends with the <c>pushed-image</c>
/// output that Cd deploys. SmokeTest runs the built image before anything is pushed; where no container engine answers it
/// is skipped and the summary says "not smoke-tested".
/// </summary>
public interface ICi : ITest, IDockerBuild, ISmokeTest
{
    /// <summary>Where the image goes.</summary>
    [Parameter("Where Ci puts the image: Ecr (PushEcr), Registry (PushImage to --image-repository) or Local (keep it in the local engine); defaults to the push target the build composes, Ecr first")]
    ImageDestination PushTo => TryGetValue(() => PushTo)
        ?? (this is IPushEcr ? ImageDestination.Ecr : this is IPushImage ? ImageDestination.Registry : ImageDestination.Local);

    /// <summary>Builds, tests and publishes the image; it comes before any deploy in the same run.</summary>
    Target Ci => _ => _
        .Description("Compile, test, build the image, run it until it answers, and push it (--push-to Ecr|Registry|Local)")
        .DependsOn<ITest>(x => x.Test)
        .DependsOn<IDockerBuild>(x => x.DockerBuild)
        .DependsOn<ISmokeTest>(x => x.SmokeTest)
        .DependsOn<ICi>(x => x.PushToEcr, x => x.PushToRegistry)
        .TryBefore<IBumpConfigRepo>(x => x.BumpConfigRepo)
        .Executes(() =>
        {
            var built = Outputs.Get<BuiltImage>(BuiltImage.OutputName)
                ?? throw new TargetFailedException("DockerBuild recorded no image; run Ci (or DockerBuild) again");
            if (PushTo != ImageDestination.Local)
                return;
            // Nothing was pushed: the local reference is what a local cluster (kind load, minikube image load) runs.
            var repository = built.LocalReference[..built.LocalReference.LastIndexOf(':')];
            Outputs.Set(PushedImage.OutputName, new PushedImage(repository, built.Tag, "", built.SourceCommit));
            Note($"kept {built.LocalReference} in the local engine (--push-to Local)");
        });

    /// <summary>Ci's ECR step: runs PushEcr when <c>--push-to Ecr</c>, otherwise PushEcr is skipped with it.</summary>
    Target PushToEcr => PushStep<IPushEcr>(ImageDestination.Ecr, x => x.PushEcr);

    /// <summary>Ci's registry step: runs PushImage when <c>--push-to Registry</c>, otherwise PushImage is skipped with it.</summary>
    Target PushToRegistry => PushStep<IPushImage>(ImageDestination.Registry, x => x.PushImage);

    /// <summary>
    /// The step that runs <paramref name="push"/> for one <c>--push-to</c> value. When the build does not compose
    /// <typeparamref name="T"/>, choosing that value fails in one line saying how to fix the class or the call.
    /// </summary>
    Target PushStep<T>(ImageDestination destination, Func<T, Target> push) => _ => _
        .Description($"Ci's push step for --push-to {destination}")
        .Unlisted()
        .OnlyWhenStatic(() => PushTo == destination, $"--push-to {destination}")
        .TryDependsOn(push)
        .Executes(() =>
        {
            if (this is not T)
                throw new TargetFailedException($"--push-to {destination}, but the build does not compose {typeof(T).Name}; add it to the Build class or pass --push-to "
                    + string.Join('|', Enum.GetValues<ImageDestination>().Where(d => d != destination)));
        });
}
