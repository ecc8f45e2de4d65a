using System.Reflection;
using Pipelines.Planning;

namespace Pipelines.Parameters;

/// <summary>A parameter of the build with the members that read or receive its value.</summary>
internal sealed class ParameterModel(ParameterDescription description, MemberInfo member)
{
    public ParameterDescription Description { get; } = description;

    /// <summary>The first member declaring it; the one read for defaults and effective values.</summary>
    public MemberInfo Member { get; } = member;

    /// <summary>Class fields/properties that receive the bound value (interface getters read it through TryGetValue).</summary>
    public List<MemberInfo> InjectedMembers { get; } = [];

    public string Name => Description.Name;

    public Type Type => Description.Type;

    /// <summary>The value the build sees for this parameter right now (after binding: the effective value).</summary>
    public object? ReadValue(object build) => Member switch
    {
        FieldInfo field => field.GetValue(build),
        PropertyInfo property => property.GetValue(build),
        _ => null,
    };

    /// <summary>Stores a bound value into every class member declared for this parameter.</summary>
    public void Inject(object build, object? value)
    {
        foreach (var member in InjectedMembers)
        {
            switch (member)
            {
                case FieldInfo field:
                    field.SetValue(build, value);
                    break;
                case PropertyInfo property when property.SetMethod is not null:
                    property.SetValue(build, value);
                    break;
                case PropertyInfo property:
                    // A get-only auto-property: its compiler-generated backing field receives the value.
                    var backing = property.DeclaringType!.GetField($"<{property.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic);
                    backing?.SetValue(build, value);
                    break;
            }
        }
    }

    /// <summary>True when a value counts as "given" (not null, not empty text or an empty list).</summary>
    public static bool HasValue(object? value) => value switch
    {
        null => false,
        string text => text.Length > 0,
        string[] list => list.Length > 0,
        _ => true,
    };
}
