namespace Pipelines.Testing.Faults;

/// <summary>
/// The kernel's own account of this process's resident memory (Linux <c>/proc/self/status</c>), to report how much a
/// hostile input made the process grow. <see cref="Start"/> resets the peak (<c>clear_refs</c>), so run the measured work
/// alone (a collection with parallelization disabled) for the figure to be its own.
/// </summary>
public sealed class PeakMemory
{
    readonly long residentBefore;
    readonly long allocatedBefore;

    PeakMemory(long residentBefore, long allocatedBefore)
    {
        this.residentBefore = residentBefore;
        this.allocatedBefore = allocatedBefore;
    }

    /// <summary>Resets the peak and remembers the current resident size.</summary>
    public static PeakMemory Start()
    {
        try
        {
            // "5" resets the peak resident size (VmHWM) to the current one; allowed for one's own process.
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
        return new PeakMemory(Status("VmRSS"), GC.GetTotalAllocatedBytes(precise: true));
    }

    /// <summary>How far the peak resident size rose above the size at <see cref="Start"/>, in MiB.</summary>
    public double PeakRiseMb => Math.Max(0, Status("VmHWM") - residentBefore) / 1048576.0;

    /// <summary>How much the process allocated on the managed heap since <see cref="Start"/>, in MiB (all threads).</summary>
    public double AllocatedMb => (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0;

    static long Status(string field)
    {
        if (!File.Exists("/proc/self/status"))
            return 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }
}
