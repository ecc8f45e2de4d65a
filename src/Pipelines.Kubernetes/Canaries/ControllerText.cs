namespace Pipelines.Kubernetes;

/// <summary>Text a controller wrote (status messages, events): one line, and bounded, so a huge message cannot flood the error line.</summary>
internal static class ControllerText
{
    /// <summary>The longest text kept from one controller field.</summary>
    public const int MaxLength = 400;

    /// <summary><paramref name="text"/> on one line, cut at <see cref="MaxLength"/> characters with a note of how much was left out.</summary>
    public static string Clip(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= MaxLength ? line : $"{line[..MaxLength]}… ({line.Length - MaxLength} more characters)";
    }
}
