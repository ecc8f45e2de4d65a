using System.Diagnostics;
using Pipelines.Benchmarks.Bump;
using Pipelines.GitOps;

// generate <dir> <files> <referencing>: writes a config tree; bump <dir> <repository> <tag>: rewrites it with the library.
switch (args)
{
    case ["generate", var dir, var files, var referencing]:
        BenchmarkTree.Generate(dir, int.Parse(files), int.Parse(referencing));
        return 0;
    case ["bump", var dir, var repository, var tag]:
        // BumpConfigRepo validates the image before it clones, so the edit is timed from a validated update.
        var update = new ImageUpdate(ImageTarget.Create(repository, tag));
        var clock = Stopwatch.StartNew();
        var edits = ConfigTreeEditor.Edit(dir, null, update);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var references = 0;
        foreach (var edit in edits)
            references += edit.Changes.Count;
        // The kernel's account of this process's peak resident size, and how much of the run the JIT took despite
        // ReadyToRun (generic code over other assemblies' types is always jitted), and what the collector did.
        var peak = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Console.WriteLine($"library: {edits.Count} files, {references} references rewritten in {elapsed:F0} ms (in process); " +
                          $"peak RSS {(peak is null ? "?" : (long.Parse(peak) / 1024.0).ToString("F1"))} MiB; " +
                          $"{System.Runtime.JitInfo.GetCompiledMethodCount()} methods jitted in {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms; " +
                          $"{GC.GetTotalAllocatedBytes() / 1048576.0:F0} MiB allocated, {GC.CollectionCount(0)} collections pausing {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms");
        return 0;
    default:
        Console.Error.WriteLine("usage: BumpBench generate <dir> <files> <referencing> | bump <dir> <repository> <tag>");
        return 2;
}
