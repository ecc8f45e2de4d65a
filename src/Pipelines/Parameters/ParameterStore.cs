using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Pipelines.Parameters;

/// <summary>The bound parameter values of one run, looked up by the member an expression names.</summary>
internal sealed class ParameterStore
{
    readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> _sources = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<MemberInfo, string> _names = new();

    public void Set(string name, object? value, string source)
    {
        _values[name] = value;
        _sources[name] = source;
    }

    public bool TryGet(string name, out object? value) => _values.TryGetValue(name, out value);

    /// <summary>Where the value of a parameter came from (<c>--image-tag</c>, <c>PIPELINES_IMAGE_TAG</c>, a file), if bound.</summary>
    public string? SourceOf(string name) => _sources.GetValueOrDefault(name);

    /// <summary>The bound value of the member <paramref name="parameter"/> names, or null.</summary>
    public object? Get(LambdaExpression parameter)
    {
        var member = MemberOf(parameter);
        if (member is null)
            return null;
        var name = _names.GetOrAdd(member, ParameterDiscovery.NameOf);
        return _values.GetValueOrDefault(name);
    }

    /// <summary>The field or property an expression such as <c>() => ImageTag</c> reads.</summary>
    public static MemberInfo? MemberOf(LambdaExpression expression)
    {
        var body = expression.Body;
        while (body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert)
            body = convert.Operand;
        return body is MemberExpression { Member: FieldInfo or PropertyInfo } member ? member.Member : null;
    }
}
