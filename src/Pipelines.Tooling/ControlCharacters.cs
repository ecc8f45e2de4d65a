using System.Text;

namespace Pipelines.Tooling;

/// <summary>
/// Escapes control characters in text that came from outside (file names, tool output, peers' answers), so that an ESC or BEL
/// in a config repo's file name cannot move the cursor, recolour or retitle a terminal, or forge a CI log command.
/// </summary>
public static class ControlCharacters
{
    /// <summary>
    /// <paramref name="text"/> with every C0 and C1 control character except tab and newline written as <c>\xNN</c>
    /// (<c>\u001b</c> as <c>\x1B</c>), and DEL as <c>\x7F</c>.
    /// </summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? "";
        var first = IndexOfControl(text);
        if (first < 0)
            return text;
        var escaped = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (IsControl(c))
                escaped.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else
                escaped.Append(c);
        }
        return escaped.ToString();
    }

    static int IndexOfControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsControl(text[i]))
                return i;
        }
        return -1;
    }

    static bool IsControl(char c) => c is not ('\n' or '\t') && (c < ' ' || c is >= '\x7f' and <= '\x9f');
}
