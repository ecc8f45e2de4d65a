namespace Pipelines.Components;

/// <summary>Progress as log lines, written as they are reported (in order, before the target ends).</summary>
internal sealed class LogProgress(TextWriter log, string prefix) : IProgress<string>
{
    public void Report(string value) => log.WriteLine(prefix + value);
}
