using System.Reflection;

namespace Pipelines.Targets;

/// <summary>
/// Finds the targets of a build: <see cref="Target"/> properties of the class and its base classes, and default-implemented
/// properties of every interface it implements (read through the interface, so the instance's implementation runs).
/// </summary>
internal static class TargetDiscovery
{
    const BindingFlags Declared = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    sealed record Entry(string Name, Type DeclaringType, PropertyInfo Property);

    public static IReadOnlyList<TargetModel> Discover(object build)
    {
        var buildType = build.GetType();
        var entries = new List<Entry>();
        var classGetters = new HashSet<MethodInfo>();
        var baseDefinitions = new HashSet<MethodInfo>();
        for (var type = buildType; type is not null && type != typeof(PipelineBuild) && type != typeof(object); type = type.BaseType)
        {
            var declared = new List<Entry>();
            foreach (var property in type.GetProperties(Declared))
            {
                if (property.PropertyType != typeof(Target) || property.GetMethod is not { } getter || property.Name.Contains('.'))
                    continue;
                classGetters.Add(getter);
                // An override of a base-class target is the same target.
                if (!baseDefinitions.Add(getter.GetBaseDefinition()))
                    continue;
                declared.Add(new Entry(property.Name, type, property));
            }
            entries.InsertRange(0, declared); // base class targets first, each type's in declaration order
        }

        var implementations = new HashSet<MethodInfo>();
        foreach (var face in buildType.GetInterfaces())
        {
            var map = buildType.GetInterfaceMap(face);
            foreach (var property in face.GetProperties(Declared))
            {
                if (property.PropertyType != typeof(Target) || property.GetMethod is not { } getter || property.Name.Contains('.'))
                    continue;
                var index = Array.IndexOf(map.InterfaceMethods, getter);
                var implementation = index >= 0 ? map.TargetMethods[index] : null;
                if (implementation is null || classGetters.Contains(implementation) || !implementations.Add(implementation))
                    continue;
                entries.Add(new Entry(property.Name, face, property));
            }
        }

        foreach (var group in entries.GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase))
        {
            var declarers = group.ToList();
            if (declarers.Count > 1)
            {
                throw new InvocationException($"target name '{group.Key}' is declared twice: by {Describe(declarers[0])} and by {Describe(declarers[1])}; "
                    + "rename one, or implement the component's target explicitly to override it");
            }
        }

        var models = new List<TargetModel>(entries.Count);
        var byMethod = new Dictionary<MethodInfo, TargetModel>();
        foreach (var entry in entries)
        {
            var target = (Target?)entry.Property.GetValue(build)
                ?? throw new InvocationException($"target {Describe(entry)} returns null; declare it as Target {entry.Name} => _ => _...");
            var definition = new TargetDefinition(build, entry.Name);
            target(definition);
            var model = new TargetModel(entry.Name, entry.DeclaringType, models.Count, definition);
            models.Add(model);
            byMethod.TryAdd(target.Method, model);
        }

        foreach (var model in models)
        {
            var d = model.Definition;
            foreach (var t in d.DependsOnTargets) AddOnce(model.DependsOn, Resolve(t, model, byMethod));
            foreach (var t in d.DependentForTargets) AddOnce(Resolve(t, model, byMethod).DependsOn, model);
            foreach (var t in d.AfterTargets) AddOnce(model.After, Resolve(t, model, byMethod));
            foreach (var t in d.BeforeTargets) AddOnce(Resolve(t, model, byMethod).After, model);
            foreach (var t in d.TriggersTargets) AddOnce(model.Triggers, Resolve(t, model, byMethod));
            foreach (var t in d.TriggeredByTargets) AddOnce(Resolve(t, model, byMethod).Triggers, model);
        }
        foreach (var model in models)
        {
            foreach (var triggered in model.Triggers)
                AddOnce(triggered.TriggeredBy, model);
        }
        CycleCheck.ThrowIfCyclic(models);
        return models;
    }

    static string Describe(Entry entry) => $"{entry.DeclaringType.Name}.{entry.Name}";

    static TargetModel Resolve(Target target, TargetModel from, Dictionary<MethodInfo, TargetModel> byMethod) =>
        byMethod.TryGetValue(target.Method, out var model)
            ? model
            : throw new InvocationException($"target {from.Name} refers to a target that is not a Target property of the build; "
                + "refer to targets by their property (DependsOn(Compile)) or through a component (DependsOn<ICompile>(x => x.Compile))");

    static void AddOnce(List<TargetModel> list, TargetModel model)
    {
        if (!list.Contains(model))
            list.Add(model);
    }
}
