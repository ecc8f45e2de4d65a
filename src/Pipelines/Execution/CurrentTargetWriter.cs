using System.Text;
using Pipelines.Tooling;

namespace Pipelines.Execution;

/// <summary>
/// A writer that forwards to whichever target is running in the current async flow. What targets write comes from files,
/// tools and peers, so control characters are escaped here; the hosts' own decorations (colour, log groups) bypass it.
/// </summary>
internal sealed class CurrentTargetWriter(BuildSession session) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => session.CurrentWriter.Write(value is '\n' or '\t' || !char.IsControl(value) ? value.ToString() : ControlCharacters.Escape(value.ToString()));

    public override void Write(string? value) => session.CurrentWriter.Write(ControlCharacters.Escape(value));

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value) => session.CurrentWriter.WriteLine(ControlCharacters.Escape(value));

    public override void WriteLine() => session.CurrentWriter.WriteLine();

    public override void Flush() => session.CurrentWriter.Flush();
}
