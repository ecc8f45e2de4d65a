namespace Pipelines.Kubernetes.Verifying;

/// <summary>A workload whose pods a verification watches: its selector and the labels its pods get.</summary>
internal sealed record WatchedWorkload(WorkloadReference Reference, IReadOnlyDictionary<string, string> Selector, IReadOnlyDictionary<string, string> PodLabels)
{
    /// <summary>The selector as a label selector query (<c>a=b,c=d</c>).</summary>
    public string LabelSelector => string.Join(",", Selector.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
