using System.Reflection;
using Pipelines.Planning;

namespace Pipelines.Parameters;

/// <summary>Finds <c>[Parameter]</c> members on the build class, its base classes and every interface it implements.</summary>
internal static class ParameterDiscovery
{
    const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>Every parameter ordered by name; members that share a name share one parameter.</summary>
    public static IReadOnlyList<ParameterModel> Discover(Type buildType)
    {
        var byName = new Dictionary<string, ParameterModel>(StringComparer.Ordinal);
        for (var type = buildType; type is not null && type != typeof(PipelineBuild) && type != typeof(object); type = type.BaseType)
        {
            foreach (var member in type.GetMembers(Declared))
            {
                if (member is FieldInfo or PropertyInfo && member.GetCustomAttribute<ParameterAttribute>() is { } attribute)
                    Add(byName, member, attribute, inject: true);
            }
        }
        foreach (var face in buildType.GetInterfaces())
        {
            foreach (var property in face.GetProperties(Declared))
            {
                if (property.GetCustomAttribute<ParameterAttribute>() is { } attribute)
                    Add(byName, property, attribute, inject: false);
            }
        }
        return byName.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The command-line name of a parameter member.</summary>
    public static string NameOf(MemberInfo member) =>
        member.GetCustomAttribute<ParameterAttribute>()?.Name ?? ParameterNames.Kebab(member.Name);

    static void Add(Dictionary<string, ParameterModel> byName, MemberInfo member, ParameterAttribute attribute, bool inject)
    {
        var type = member switch
        {
            FieldInfo field => field.FieldType,
            PropertyInfo property => property.PropertyType,
            _ => throw new InvalidOperationException(),
        };
        var name = attribute.Name ?? ParameterNames.Kebab(member.Name);
        if (!ValueConverter.IsSupported(type))
        {
            throw new InvocationException($"parameter {member.DeclaringType?.Name}.{member.Name} has type {type.Name}, which parameters cannot have; "
                + "use string, bool, int, an enum, TimeSpan, Uri or string[] (or their nullable forms)");
        }
        if (Execution.EngineOptions.All.Any(o => o.Name == name))
        {
            throw new InvocationException($"parameter {member.DeclaringType?.Name}.{member.Name} would be --{name}, which the engine reserves; "
                + $"give it another name with [Parameter(Name = \"...\")]");
        }
        if (!byName.TryGetValue(name, out var model))
        {
            var description = new ParameterDescription(
                name,
                member.Name,
                type,
                attribute.Description,
                ParameterNames.EnvironmentVariable(name),
                attribute.EnvironmentVariable,
                member.IsDefined(typeof(SecretAttribute)),
                member.IsDefined(typeof(RequiredAttribute)));
            model = new ParameterModel(description, member);
            byName[name] = model;
        }
        else if ((Nullable.GetUnderlyingType(model.Type) ?? model.Type) != (Nullable.GetUnderlyingType(type) ?? type))
        {
            throw new InvocationException($"parameter --{name} is declared as {model.Type.Name} by {model.Member.DeclaringType?.Name} "
                + $"and as {type.Name} by {member.DeclaringType?.Name}; give both the same type");
        }
        else if (attribute.Description.Length > 0 && model.Description.Description.Length > 0 && attribute.Description != model.Description.Description)
        {
            // One name, one meaning: two components that each mean something else by --to must not share one value.
            throw new InvocationException($"parameter --{name} means two things: \"{model.Description.Description}\" ({model.Member.DeclaringType?.Name}.{model.Member.Name}) "
                + $"and \"{attribute.Description}\" ({member.DeclaringType?.Name}.{member.Name}); give one of them another name with [Parameter(Name = \"...\")]");
        }
        if (inject)
            model.InjectedMembers.Add(member);
    }
}
