using System.Text;
using BenchmarkDotNet.Attributes;
using Pipelines.Benchmarks.Bump;
using Pipelines.GitOps;

/// <summary>
/// What a bump costs per file of the benchmark tree, so that a regression shows at the function level: the byte-level
/// check that rules out a file that does not run the image (nine files in ten), and the edit of one that does (parse,
/// rules, splice). A whole tree is ConfigTreeEditor's business and benchmarks/bump/run.sh's.
/// </summary>
[MemoryDiagnoser]
public class PerFileEdit
{
    readonly ImageUpdate update = new(ImageTarget.Create(BenchmarkTree.Repository, "5d6e7f8"));
    readonly string referencing = BenchmarkTree.Manifest(10, referencing: true);
    readonly byte[] sibling = Encoding.UTF8.GetBytes(BenchmarkTree.Manifest(11, referencing: false));
    readonly byte[] referencingBytes = Encoding.UTF8.GetBytes(BenchmarkTree.Manifest(10, referencing: true));

    [Benchmark(Description = "prefilter: a file that does not run the image")]
    public bool PrefilterSibling() => update.IsMentionedIn(sibling);

    [Benchmark(Description = "prefilter: a file that runs it")]
    public bool PrefilterReferencing() => update.IsMentionedIn(referencingBytes);

    [Benchmark(Description = "edit: parse, rules and splice of a file that runs it")]
    public ManifestEdit EditReferencing() => ManifestEditor.Edit("apps/team00/svc00010.yaml", referencing, update);
}
