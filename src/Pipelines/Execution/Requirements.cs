using Pipelines.Parameters;
using Pipelines.Planning;

namespace Pipelines.Execution;

/// <summary>Checks <c>[Required]</c> parameters and <c>Requires(...)</c> before anything runs.</summary>
internal static class Requirements
{
    public static void Check(BuildModel model, IReadOnlyList<PlannedTarget> plan)
    {
        foreach (var parameter in model.Parameters.Where(p => p.Description.IsRequired))
        {
            if (!ParameterModel.HasValue(Read(parameter, model.Build)))
                throw new InvocationException($"parameter --{parameter.Name} is required: {HowToGive(parameter)}");
        }
        foreach (var target in plan.Where(t => t.Status != TargetStatus.Skipped))
        {
            foreach (var requirement in target.Model.Definition.Requirements)
            {
                object? value;
                try
                {
                    value = requirement.Evaluate();
                }
                catch (System.Reflection.TargetInvocationException ex)
                {
                    throw new InvocationException($"target {target.Name} requires {requirement.Text}, which failed: {ex.InnerException?.Message}");
                }
                var member = ParameterStore.MemberOf(requirement.Expression);
                var parameter = member is null ? null : model.Parameters.FirstOrDefault(p => p.Description.MemberName == member.Name);
                // A bool (condition or switch) must be true; anything else must have a value.
                var satisfied = value is bool flag ? flag : ParameterModel.HasValue(value);
                if (satisfied)
                    continue;
                throw new InvocationException(value is bool
                    ? $"target {target.Name} requires {requirement.Text}, which is false"
                    : parameter is not null
                        ? $"target {target.Name} requires --{parameter.Name}: {HowToGive(parameter)}"
                        : $"target {target.Name} requires {requirement.Text}, which is not set");
            }
        }
    }

    static object? Read(ParameterModel parameter, object build)
    {
        try
        {
            return parameter.ReadValue(build);
        }
        catch (System.Reflection.TargetInvocationException)
        {
            return null;
        }
    }

    static string HowToGive(ParameterModel parameter)
    {
        var d = parameter.Description;
        var env = d.ExplicitEnvironmentVariable is null ? d.EnvironmentVariable : $"{d.EnvironmentVariable} (or {d.ExplicitEnvironmentVariable})";
        return $"pass --{d.Name} <value>, set {env}, or add \"{d.MemberName}\" to .nuke/parameters.json";
    }
}
