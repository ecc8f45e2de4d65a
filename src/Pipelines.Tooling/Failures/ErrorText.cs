using System.Runtime.CompilerServices;
using System.Text;

namespace Pipelines.Tooling;

/// <summary>
/// Words of a failure message with the inputs it mentions kept as identities, so that "pass {ImageDigest} sha256:…" reads
/// "pass image digest sha256:…" from the library and "pass --image-digest sha256:…" from a build. Built from an interpolated
/// string: an <see cref="Input"/> in a hole is a mention, anything else is text.
/// </summary>
public sealed class ErrorText
{
    readonly IReadOnlyList<object> _parts;

    ErrorText(IReadOnlyList<object> parts) => _parts = parts;

    /// <summary>No text.</summary>
    public static ErrorText Empty { get; } = new([]);

    internal IReadOnlyList<object> Parts => _parts;

    /// <summary>Whether there is no text at all.</summary>
    public bool IsEmpty => _parts.Count == 0;

    /// <summary>The inputs mentioned, in order.</summary>
    public IEnumerable<Input> Mentions => _parts.OfType<Input>();

    /// <summary>Text with mentions, from an interpolated string (or plain text).</summary>
    public static ErrorText Of(ErrorTextBuilder builder) => builder.Build();

    /// <summary>The text, each mentioned input named by <paramref name="name"/> (the library's words when null).</summary>
    public string Render(Func<Input, string>? name = null)
    {
        var text = new StringBuilder();
        foreach (var part in _parts)
            text.Append(part is Input input ? name?.Invoke(input) ?? input.Words : (string)part);
        return text.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Render();

    internal static ErrorText FromParts(List<object> parts) => parts.Count == 0 ? Empty : new(parts);
}

/// <summary>Collects the text and the mentioned inputs of an interpolated <see cref="ErrorText"/>.</summary>
[InterpolatedStringHandler]
public ref struct ErrorTextBuilder
{
    readonly List<object> _parts;

    /// <summary>Called by the compiler for an interpolated string.</summary>
    public ErrorTextBuilder(int literalLength, int formattedCount) => _parts = new List<object>(formattedCount * 2 + 1);

    /// <summary>Text with its mentions kept (e.g. another failure's remedy).</summary>
    public static implicit operator ErrorTextBuilder(ErrorText text)
    {
        var builder = new ErrorTextBuilder(0, 1);
        builder.AppendFormatted(text);
        return builder;
    }

    /// <summary>Appends literal text.</summary>
    public readonly void AppendLiteral(string text) => Add(text);

    /// <summary>Appends a mention of <paramref name="input"/>.</summary>
    public readonly void AppendFormatted(Input input) => _parts.Add(input);

    /// <summary>Appends another text, its mentions kept.</summary>
    public readonly void AppendFormatted(ErrorText text)
    {
        foreach (var part in text.Parts)
        {
            if (part is Input input)
                _parts.Add(input);
            else
                Add((string)part);
        }
    }

    /// <summary>Appends a value as text.</summary>
    public readonly void AppendFormatted<T>(T value) => Add(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");

    /// <summary>Appends a value formatted with <paramref name="format"/>.</summary>
    public readonly void AppendFormatted<T>(T value, string? format) where T : IFormattable =>
        Add(value.ToString(format, System.Globalization.CultureInfo.InvariantCulture));

    readonly void Add(string text)
    {
        if (text.Length == 0)
            return;
        if (_parts.Count > 0 && _parts[^1] is string previous)
            _parts[^1] = previous + text;
        else
            _parts.Add(text);
    }

    internal readonly ErrorText Build() => ErrorText.FromParts(_parts);
}
