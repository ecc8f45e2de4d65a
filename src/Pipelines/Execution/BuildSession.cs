using Pipelines.Parameters;
using Pipelines.Planning;
using Pipelines.Tooling;

namespace Pipelines.Execution;

/// <summary>The state of one run that the build instance reads through <see cref="IPipelineBuild"/>.</summary>
internal sealed class BuildSession
{
    readonly AsyncLocal<(PlannedTarget Target, TextWriter Writer)?> _current = new();

    public BuildSession(string rootDirectory, SecretMasker masker, CiHost host, ParameterStore parameters, TextWriter output,
        IReadOnlyDictionary<string, string?> environment, IReadOnlyList<string> forwardedArguments, ILiveDisplay? live = null)
    {
        Environment = environment;
        ForwardedArguments = forwardedArguments;
        Live = live is null ? null : new RedactedLiveDisplay(live, masker);
        RootDirectory = rootDirectory;
        Masker = masker;
        Host = host;
        Parameters = parameters;
        Output = output;
        Outputs = new BuildOutputs(Path.Combine(rootDirectory, "artifacts", "outputs"));
        Log = new CurrentTargetWriter(this);
        Tools = new ProcessRunner(masker, Log, environment);
    }

    public string RootDirectory { get; }
    public IReadOnlyDictionary<string, string?> Environment { get; }
    public IReadOnlyList<string> ForwardedArguments { get; }
    public SecretMasker Masker { get; }
    public CiHost Host { get; }
    public ParameterStore Parameters { get; }
    public BuildOutputs Outputs { get; }

    /// <summary>The run's redacted standard output.</summary>
    public TextWriter Output { get; }

    /// <summary>Writes to the running target's output (its buffer under <c>--parallel</c>), else to <see cref="Output"/>.</summary>
    public TextWriter Log { get; }

    public ProcessRunner Tools { get; }

    /// <summary>The terminal's live rows, redacted; null when there is no interactive terminal.</summary>
    public ILiveDisplay? Live { get; }

    public TextWriter CurrentWriter => _current.Value?.Writer ?? Output;

    /// <summary>Makes <paramref name="target"/> the running target for this async flow.</summary>
    public void Enter(PlannedTarget target, TextWriter writer) => _current.Value = (target, writer);

    public void Leave() => _current.Value = null;

    sealed class RedactedLiveDisplay(ILiveDisplay inner, SecretMasker masker) : ILiveDisplay
    {
        public void SetRow(string key, string? text) => inner.SetRow(key, text is null ? null : ControlCharacters.Escape(masker.Redact(text)));
    }

    public void Note(string text)
    {
        if (_current.Value is { } current)
        {
            lock (current.Target.Notes)
                current.Target.Notes.Add(ControlCharacters.Escape(Masker.Redact(text)));
        }
        else
            Output.WriteLine(ControlCharacters.Escape(text));
    }
}
