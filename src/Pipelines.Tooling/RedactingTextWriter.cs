using System.Text;

namespace Pipelines.Tooling;

/// <summary>
/// A line-buffered writer that masks secrets before anything reaches the inner writer.
/// Buffering by line matters: a secret split across two <c>Write</c> calls is still masked.
/// </summary>
public sealed class RedactingTextWriter(TextWriter inner, SecretMasker masker) : TextWriter
{
    readonly StringBuilder _line = new();
    readonly object _gate = new();

    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <summary>The writer that receives redacted text.</summary>
    public TextWriter Inner => inner;

    /// <inheritdoc />
    public override void Write(char value)
    {
        lock (_gate)
        {
            _line.Append(value);
            if (value == '\n')
                FlushLine();
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (value is null)
            return;
        lock (_gate)
        {
            var start = 0;
            int newline;
            while ((newline = value.IndexOf('\n', start)) >= 0)
            {
                _line.Append(value, start, newline - start + 1);
                FlushLine();
                start = newline + 1;
            }
            _line.Append(value, start, value.Length - start);
        }
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc />
    public override void WriteLine(string? value) => Write((value ?? string.Empty) + "\n");

    /// <inheritdoc />
    public override void Flush()
    {
        lock (_gate)
        {
            if (_line.Length > 0)
            {
                inner.Write(masker.Redact(_line.ToString()));
                _line.Clear();
            }
            inner.Flush();
        }
    }

    void FlushLine()
    {
        inner.Write(masker.Redact(_line.ToString()));
        _line.Clear();
        inner.Flush();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Flush();
        base.Dispose(disposing);
    }
}
