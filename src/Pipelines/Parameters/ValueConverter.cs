using System.Globalization;

namespace Pipelines.Parameters;

/// <summary>Converts text from the command line, the environment or parameters.json into a parameter's type.</summary>
internal static class ValueConverter
{
    /// <summary>True for the types parameters may have (and their nullable forms).</summary>
    public static bool IsSupported(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(bool) || t == typeof(int) || t.IsEnum || t == typeof(TimeSpan)
            || t == typeof(Uri) || t == typeof(string[]);
    }

    /// <summary>Converts the given values (one unless the type is an array) or throws a one-line <see cref="InvocationException"/>.</summary>
    public static object Convert(IReadOnlyList<string> values, Type type, string parameter, string source)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string[]))
        {
            return values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
        }
        if (values.Count != 1)
            throw new InvocationException($"{parameter} takes one value but {source} gives {values.Count}: {string.Join(" ", values)}");
        var text = values[0];
        return ConvertOne(text.Trim(), t) ?? throw new InvocationException(
            $"invalid value '{text}' for {parameter} (from {source}): allowed values are {AllowedValues(t)}");
    }

    // How each supported type is shown in --help and what an error says it accepts; enums are listed by name.
    static readonly Dictionary<Type, (string Display, string Allowed)> Types = new()
    {
        [typeof(bool)] = ("bool", "true, false"),
        [typeof(int)] = ("int", $"whole numbers from {int.MinValue} to {int.MaxValue}"),
        [typeof(TimeSpan)] = ("duration", "durations such as 90s, 10m, 1h30m or 00:10:00"),
        [typeof(Uri)] = ("uri", "absolute URIs such as https://example.com/path"),
        [typeof(string[])] = ("string...", "any text"),
        [typeof(string)] = ("string", "any text"),
    };

    /// <summary>A short description of what a type accepts, for errors and <c>--help</c>.</summary>
    public static string AllowedValues(Type type) => Describe(type, ", ").Allowed;

    /// <summary>The short type name shown in <c>--help</c>.</summary>
    public static string DisplayType(Type type) => Describe(type, "|").Display;

    static (string Display, string Allowed) Describe(Type type, string enumSeparator)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsEnum)
            return (string.Join(enumSeparator, Enum.GetNames(t)), string.Join(enumSeparator, Enum.GetNames(t)));
        return Types.TryGetValue(t, out var known) ? known : ("string", "any text");
    }

    static object? ConvertOne(string text, Type t)
    {
        if (t == typeof(string))
            return text;
        if (t == typeof(bool))
            return text.ToLowerInvariant() switch { "true" => true, "false" => false, _ => null };
        if (t == typeof(int))
            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
        if (t.IsEnum)
        {
            var name = Enum.GetNames(t).FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)
                || string.Equals(ParameterNames.Normalize(n), ParameterNames.Normalize(text), StringComparison.Ordinal));
            return name is null ? null : Enum.Parse(t, name);
        }
        if (t == typeof(TimeSpan))
            return ParseDuration(text);
        if (t == typeof(Uri))
            return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
        return null;
    }

    static object? ParseDuration(string text)
    {
        if (text.Contains(':'))
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero ? span : null;
        // Go-style durations (90s, 10m, 1h30m, 500ms) as kubectl and Flux accept them.
        var total = TimeSpan.Zero;
        var i = 0;
        if (text.Length == 0)
            return null;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                i++;
            if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
                return null;
            var unitStart = i;
            while (i < text.Length && char.IsLetter(text[i]))
                i++;
            TimeSpan? part = text[unitStart..i] switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (part is null)
                return null;
            total += part.Value;
        }
        return total;
    }
}
