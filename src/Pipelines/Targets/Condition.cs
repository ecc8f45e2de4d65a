using System.Linq.Expressions;

namespace Pipelines.Targets;

/// <summary>A condition with the source text it was written as, compiled only when evaluated.</summary>
internal sealed class Condition(LambdaExpression expression, string? sourceText)
{
    Delegate? _compiled;

    public LambdaExpression Expression { get; } = expression;

    /// <summary>The condition as the user wrote it (<c>IsLocalBuild &amp;&amp; !Fast</c>).</summary>
    public string Text { get; } = Clean(sourceText) ?? expression.Body.ToString();

    public object? Evaluate()
    {
        _compiled ??= Expression.Compile(preferInterpretation: true);
        return _compiled.DynamicInvoke();
    }

    static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = string.Join(' ', text.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        var arrow = text.IndexOf("=>", StringComparison.Ordinal);
        if (text.StartsWith("()", StringComparison.Ordinal) && arrow >= 0)
            text = text[(arrow + 2)..].Trim();
        return text;
    }
}
