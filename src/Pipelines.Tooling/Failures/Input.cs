namespace Pipelines.Tooling;

/// <summary>
/// Something a library is given (a value, a file, a service), named in the library's own words, e.g. "image tag". A failure
/// names the input it is about by this identity, never by a command-line flag: a caller that knows which of its parameters
/// fills the input (a build's <c>--image-tag</c>) renders it under that name.
/// </summary>
/// <param name="words">How the library speaks of it: "image tag", "config repo", "kubeconfig".</param>
public sealed class Input(string words)
{
    /// <summary>The library's words for the input.</summary>
    public string Words { get; } = words;

    /// <summary>An input that is a file or location only known at run time, e.g. <c>clusters/dev/app.yaml:12</c>.</summary>
    public static Input Named(string words) => new(words);

    /// <inheritdoc />
    public override string ToString() => Words;
}
