using Pipelines.Planning;

namespace Pipelines.CiGeneration;

/// <summary>Finds the parameters a CI attribute names, by member name (<c>nameof</c>) or kebab name.</summary>
internal static class ParameterLookup
{
    public static IReadOnlyList<ParameterDescription> Resolve(BuildDescription build, IEnumerable<string> names, string where, bool secretsOnly = false) =>
        names.Select(name =>
        {
            var parameter = build.Parameters.FirstOrDefault(p => p.MemberName == name || p.Name == name)
                ?? throw new CiConfigurationException(
                    $"{where} names '{name}', which is not a parameter of {build.BuildType.Name}; use nameof(...) of a [Parameter] member");
            if (secretsOnly && !parameter.IsSecret)
                throw new CiConfigurationException(
                    $"{where} names '{name}', which is not marked [Secret]; mark it [Secret] so its value is masked, or pass it another way");
            return parameter;
        }).DistinctBy(p => p.Name).ToList();
}
