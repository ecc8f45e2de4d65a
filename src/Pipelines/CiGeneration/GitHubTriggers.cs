using Pipelines.Planning;

namespace Pipelines.CiGeneration;

/// <summary>The <c>on:</c> block of a workflow.</summary>
internal static class GitHubTriggers
{
    public static YamlMap Of(GitHubActionsAttribute workflow, IReadOnlyList<ParameterDescription> inputs)
    {
        var on = new YamlMap();
        if (workflow.On.Contains(GitHubActionsTrigger.Push) || workflow.OnPushBranches.Length + workflow.OnPushTags.Length + workflow.OnPushPaths.Length > 0)
            on.Add("push", Filters(("branches", workflow.OnPushBranches), ("tags", workflow.OnPushTags), ("paths", workflow.OnPushPaths)));
        if (workflow.On.Contains(GitHubActionsTrigger.PullRequest) || workflow.OnPullRequestBranches.Length + workflow.OnPullRequestPaths.Length > 0)
            on.Add("pull_request", Filters(("branches", workflow.OnPullRequestBranches), ("paths", workflow.OnPullRequestPaths)));
        if (workflow.On.Contains(GitHubActionsTrigger.WorkflowDispatch) || inputs.Count > 0)
            on.Add("workflow_dispatch", inputs.Count == 0 ? new YamlMap() : new YamlMap { { "inputs", Inputs(inputs) } });
        if (workflow.On.Contains(GitHubActionsTrigger.Schedule) && workflow.OnSchedule.Length == 0)
            throw new CiConfigurationException($"[GitHubActions(\"{workflow.Name}\")]: On has Schedule but OnSchedule has no cron line; add one such as \"0 3 * * 1\"");
        if (workflow.OnSchedule.Length > 0)
        {
            var schedule = new YamlSeq();
            foreach (var cron in workflow.OnSchedule) schedule.Add(new YamlMap { { "cron", cron } });
            on.Add("schedule", schedule);
        }
        if (on.Count == 0)
            throw new CiConfigurationException($"[GitHubActions(\"{workflow.Name}\")]: no trigger; set On = [GitHubActionsTrigger.Push] or another trigger");
        return on;
    }

    private static YamlMap Filters(params (string Key, string[] Patterns)[] filters)
    {
        var map = new YamlMap();
        foreach (var (key, patterns) in filters.Where(f => f.Patterns.Length > 0))
        {
            // GitHub forbids paths and paths-ignore together, so exclusions are written as "!pattern" inside one list.
            map.Add(key, new YamlSeq(patterns));
        }
        return map;
    }

    private static YamlMap Inputs(IReadOnlyList<ParameterDescription> inputs)
    {
        var map = new YamlMap();
        foreach (var input in inputs)
        {
            var type = Nullable.GetUnderlyingType(input.Type) ?? input.Type;
            var entry = new YamlMap
            {
                { "description", input.Description.Length > 0 ? input.Description : input.MemberName },
                { "required", YamlScalar.Of(input.IsRequired) },
            };
            if (type == typeof(bool))
                entry.Add("type", "boolean");
            else if (type.IsEnum)
            {
                entry.Add("type", "choice");
                entry.Add("options", new YamlSeq(Enum.GetNames(type)));
            }
            else
                entry.Add("type", "string");
            map.Add(input.Name, entry);
        }
        return map;
    }
}
