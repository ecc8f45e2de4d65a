namespace Pipelines.Components;

/// <summary>What the body of the app's answer must contain, besides an accepted status.</summary>
public enum ExpectedBody
{
    /// <summary>Anything.</summary>
    Anything,

    /// <summary>The tag of the image verified (the sample app's <c>/version</c> serves it as its version).</summary>
    ImageTag,

    /// <summary>The commit the image was built from (the sample app's <c>/version</c> serves it).</summary>
    SourceCommit,
}
