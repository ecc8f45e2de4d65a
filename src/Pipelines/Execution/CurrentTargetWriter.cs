using System.Text;

namespace Pipelines.Execution;

/// <summary>A writer that forwards to whichever target is running in the current async flow.</summary>
internal sealed class CurrentTargetWriter(BuildSession session) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => session.CurrentWriter.Write(value);

    public override void Write(string? value) => session.CurrentWriter.Write(value);

    public override void Write(char[] buffer, int index, int count) => session.CurrentWriter.Write(buffer, index, count);

    public override void WriteLine(string? value) => session.CurrentWriter.WriteLine(value);

    public override void WriteLine() => session.CurrentWriter.WriteLine();

    public override void Flush() => session.CurrentWriter.Flush();
}
