namespace Pipelines.Tooling;

/// <summary>
/// A failure a user can act on, as every library reports it: which <see cref="Input"/> it is about, what is wrong, what to
/// do, and whether it is bad input or a failure. The message is one line in the library's words; a caller that knows its own
/// names for the inputs renders it with <see cref="Describe"/>. Derived types name the failure; they add fields, not wording rules.
/// </summary>
public class PipelinesException : Exception
{
    /// <summary>Creates the failure.</summary>
    /// <param name="kind">Bad input (fix and rerun) or a failure.</param>
    /// <param name="input">The input it is about, or null when it is about none (a tool that crashed).</param>
    /// <param name="problem">What is wrong; follows the input's name ("'latest' is refused: tags must be immutable").</param>
    /// <param name="remedy">What to do ("pass a commit SHA"); empty when nothing can be advised.</param>
    /// <param name="inner">The underlying exception, kept for the log.</param>
    public PipelinesException(FailureKind kind, Input? input, ErrorTextBuilder problem, ErrorTextBuilder remedy, Exception? inner = null)
        : base(null, inner)
    {
        Kind = kind;
        Input = input;
        Problem = problem.Build();
        Remedy = remedy.Build();
    }

    /// <summary>Bad input or a failure.</summary>
    public FailureKind Kind { get; }

    /// <summary>The input the failure is about, if any.</summary>
    public Input? Input { get; }

    /// <summary>What is wrong.</summary>
    public ErrorText Problem { get; }

    /// <summary>What to do.</summary>
    public ErrorText Remedy { get; }

    /// <summary>Every input the message names: the one it is about, then those the text mentions.</summary>
    public IEnumerable<Input> NamedInputs => (Input is null ? [] : new[] { Input }).Concat(Problem.Mentions).Concat(Remedy.Mentions);

    /// <inheritdoc />
    public override string Message => Describe();

    /// <summary>The message as one line, each input named by <paramref name="name"/> (the library's words when null).</summary>
    /// <param name="name">How to name an input; the library's words when null.</param>
    /// <param name="withRemedy">False for what is wrong alone, e.g. to quote it inside another failure.</param>
    public string Describe(Func<Input, string>? name = null, bool withRemedy = true)
    {
        var subject = Input is null ? "" : (name?.Invoke(Input) ?? Input.Words) + " ";
        var remedy = Remedy.IsEmpty || !withRemedy ? "" : "; " + Remedy.Render(name);
        return ControlCharacters.Escape((subject + Problem.Render(name) + remedy).ReplaceLineEndings(" "));
    }
}
