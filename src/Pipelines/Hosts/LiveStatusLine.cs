using System.Diagnostics;
using System.Text;

namespace Pipelines.Hosts;

/// <summary>
/// The terminal's live progress: a status line under the streamed output naming the running targets and how long they
/// have run, with the rows targets publish (<see cref="ILiveDisplay"/>) below it. Every line of output first clears the
/// area and then redraws it, so output is never mixed into it. Only used when the output is an interactive terminal with
/// ANSI support.
/// </summary>
internal sealed class LiveStatusLine(TextWriter terminal, Func<int>? width = null) : TextWriter, ILiveDisplay
{
    const string ClearLine = "\r\x1b[2K";
    const string UpAndClear = "\x1b[1A\x1b[2K";
    static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

    readonly Lock _gate = new();
    readonly Dictionary<string, Stopwatch> _running = new(StringComparer.Ordinal);
    readonly List<KeyValuePair<string, string>> _rows = [];
    Timer? _timer;
    int _frame;
    int _shownLines;
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
                _rows.Clear();
                Hide();
                (done, _timer) = (_timer, null);
            }
        }
        done?.Dispose();
    }


    /// <inheritdoc />
    public void SetRow(string key, string? text)
    {
        lock (_gate)
        {
            var index = _rows.FindIndex(r => r.Key == key);
            if (text is null)
            {
                if (index >= 0)
                    _rows.RemoveAt(index);
            }
            else if (index >= 0)
                _rows[index] = new(key, text);
            else
                _rows.Add(new(key, text));
            if (_atLineStart && _running.Count > 0)
            {
                Hide();
                Show();
                terminal.Flush();
            }
        }
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
        // Callers hold _gate, which guards _running and _rows. Rows are cut to the terminal's width: a wrapped row would
        // take two lines and Hide would leave one behind.
        var columns = Math.Max(20, Columns() - 1);
        var running = string.Join(", ", _running.Select(r => $"{r.Key} {r.Value.Elapsed.TotalSeconds:0}s"));
        terminal.Write($"\x1b[36m{Frames[_frame]}\x1b[0m {Fit(running, columns - 2)}");
        foreach (var row in _rows)
            terminal.Write($"\n  {Fit(row.Value, columns - 2)}");
        _shownLines = 1 + _rows.Count;
    }

    void Hide()
    {
        if (_shownLines == 0)
            return;
        terminal.Write(ClearLine);
        for (var i = 1; i < _shownLines; i++)
            terminal.Write(UpAndClear);
        _shownLines = 0;
    }

    int Columns()
    {
        try
        {
            var columns = width?.Invoke() ?? Console.WindowWidth;
            return columns > 0 ? columns : 120;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or PlatformNotSupportedException)
        {
            return 120;
        }
    }

    static string Fit(string text, int columns)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= columns ? line : line[..Math.Max(0, columns - 1)] + "…";
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _timer?.Dispose();
        base.Dispose(disposing);
    }
}
