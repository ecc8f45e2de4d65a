using System.Linq.Expressions;
using Pipelines.Execution;
using Pipelines.Tooling;

namespace Pipelines;

/// <summary>
/// The base class of a build: declare <see cref="Target"/> properties and <c>[Parameter]</c> members,
/// implement component interfaces, and call <see cref="Execute{T}"/> from <c>Main</c>.
/// </summary>
public abstract partial class PipelineBuild : IPipelineBuild
{
    internal BuildSession? Session { get; set; }

    BuildSession RequireSession => Session ?? throw new InvalidOperationException("the build is not running; start it with PipelineBuild.Execute");

    /// <inheritdoc />
    public T? TryGetValue<T>(Expression<Func<T>> parameter, ReferenceTypeOnly<T>? _ = null) where T : class? =>
        Session?.Parameters.Get(parameter) as T;

    /// <inheritdoc />
    public T? TryGetValue<T>(Expression<Func<T>> parameter, ValueTypeOnly<T>? _ = null) where T : struct =>
        Session?.Parameters.Get(parameter) is T value ? value : null;

    /// <inheritdoc />
    public T? TryGetValue<T>(Expression<Func<T?>> parameter) where T : struct =>
        Session?.Parameters.Get(parameter) is T value ? value : null;

    /// <inheritdoc />
    public string RootDirectory => RequireSession.RootDirectory;

    /// <inheritdoc />
    public string ArtifactsDirectory => Path.Combine(RootDirectory, "artifacts");

    /// <inheritdoc />
    public SecretMasker Secrets => RequireSession.Masker;

    /// <inheritdoc />
    public ProcessRunner Tools => RequireSession.Tools;

    /// <inheritdoc />
    public TextWriter Log => RequireSession.Log;

    /// <inheritdoc />
    public void Note(string text) => RequireSession.Note(text);

    /// <inheritdoc />
    public ILiveDisplay? Live => RequireSession.Live;

    /// <inheritdoc />
    public BuildOutputs Outputs => RequireSession.Outputs;

    /// <inheritdoc />
    public CiHost Host => RequireSession.Host;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> EnvironmentVariables => RequireSession.Environment;

    /// <inheritdoc />
    public IReadOnlyList<string> ForwardedArguments => RequireSession.ForwardedArguments;

    /// <summary>True on a developer machine, false on a CI host.</summary>
    public bool IsLocalBuild => Host == CiHost.Terminal;
}
