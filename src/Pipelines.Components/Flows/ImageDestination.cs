namespace Pipelines.Components;

/// <summary>Where the Ci flow puts the image it built.</summary>
public enum ImageDestination
{
    /// <summary>Keep it in the local Docker engine; nothing is pushed (local runs, kind or minikube clusters).</summary>
    Local,

    /// <summary>Push it to any OCI registry at <c>--image-repository</c> with PushImage.</summary>
    Registry,

    /// <summary>Push it to Amazon ECR with PushEcr.</summary>
    Ecr,
}
