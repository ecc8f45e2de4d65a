using System.Diagnostics;
using System.Text;

namespace Pipelines.Hosts;

/// <summary>
/// The terminal's live progress: a status line under the streamed output naming the running targets and how long they
/// have run. Every line of output first clears it and then redraws it, so output is never mixed into it. Only used when
/// the output is an interactive terminal with ANSI support.
/// </summary>
internal sealed class LiveStatusLine(TextWriter terminal) : TextWriter
{
    const string ClearLine = "\r\x1b[2K";
    static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

    readonly Lock _gate = new();
    readonly Dictionary<string, Stopwatch> _running = new(StringComparer.Ordinal);
    Timer? _timer;
    int _frame;
    bool _shown;
    bool _atLineStart = true;

    /// <inheritdoc />
    public override Encoding Encoding => terminal.Encoding;

    /// <summary>Shows <paramref name="target"/> as running until <see cref="Stop"/>.</summary>
    public void Start(string target)
    {
        lock (_gate)
        {
            _running[target] = Stopwatch.StartNew();
            _timer ??= new Timer(_ => Redraw(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>Removes <paramref name="target"/>; the line disappears when nothing runs.</summary>
    public void Stop(string target)
    {
        Timer? done = null;
        lock (_gate)
        {
            _running.Remove(target);
            if (_running.Count == 0)
            {
                Hide();
                (done, _timer) = (_timer, null);
            }
        }
        done?.Dispose();
    }


    /// <inheritdoc />
    public override void Write(char value) => Write(value.ToString());

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return;
        lock (_gate)
        {
            Hide();
            terminal.Write(value);
            _atLineStart = value.EndsWith('\n');
            if (_atLineStart)
                Show();
            terminal.Flush();
        }
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc />
    public override void WriteLine(string? value) => Write((value ?? "") + "\n");

    /// <inheritdoc />
    public override void Flush()
    {
        lock (_gate)
            terminal.Flush();
    }

    void Redraw()
    {
        lock (_gate)
        {
            _frame = (_frame + 1) % Frames.Length;
            if (!_atLineStart)
                return; // a partial line is on screen; the next newline redraws
            Hide();
            Show();
            terminal.Flush();
        }
    }

    void Show()
    {
        if (_running.Count == 0)
            return;
        // Callers hold _gate, which guards _running.
        var running = string.Join(", ", _running.Select(r => $"{r.Key} {r.Value.Elapsed.TotalSeconds:0}s"));
        terminal.Write($"\x1b[36m{Frames[_frame]}\x1b[0m {running}");
        _shown = true;
    }

    void Hide()
    {
        if (!_shown)
            return;
        terminal.Write(ClearLine);
        _shown = false;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _timer?.Dispose();
        base.Dispose(disposing);
    }
}
