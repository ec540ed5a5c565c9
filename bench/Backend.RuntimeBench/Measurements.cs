namespace Backend.RuntimeBench;

/// <summary>One cold start: wall time and CPU time to the first response, and the memory then.</summary>
public sealed record ColdStart(string Target, int Run, double WallMs, double CpuMs, double RssMb);

/// <summary>What one target measured: its cold starts, its warm invocation latencies, its memory under soak.</summary>
public sealed class TargetResult(Target target)
{
    public Target Target { get; } = target;
    public List<ColdStart> ColdStarts { get; } = [];
    public List<double> WarmLatenciesMs { get; } = [];
    public SortedDictionary<int, (double Rss, double Peak)> MemoryAt { get; } = [];
    /// <summary>VmHWM of the process measured warm, after its warm invocations and soak: its peak over its life.</summary>
    public double PeakRssMb { get; set; } = double.NaN;
    public long? ZipBytes { get; set; }

    public double MedianWall => Median(ColdStarts.Select(c => c.WallMs));
    public double MedianCpu => Median(ColdStarts.Select(c => c.CpuMs));
    public double MedianRss => Median(ColdStarts.Select(c => c.RssMb));
    public double WarmP50 => Percentile(WarmLatenciesMs, 0.50);
    public double WarmP99 => Percentile(WarmLatenciesMs, 0.99);

    public static double Median(IEnumerable<double> values) => Percentile(values.ToList(), 0.5);

    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(p * sorted.Length))];
    }
}

