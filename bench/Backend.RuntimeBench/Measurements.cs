using System.Globalization;
using System.Text;

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

public static class Report
{
    public static string Csv(IEnumerable<TargetResult> results)
    {
        var csv = new StringBuilder("target,group,run,wall_ms,cpu_ms,rss_mb\n");
        foreach (var result in results)
            foreach (var c in result.ColdStarts)
                csv.Append(CultureInfo.InvariantCulture, $"{c.Target},{result.Target.Group},{c.Run},{c.WallMs:F2},{c.CpuMs:F2},{c.RssMb:F1}\n");
        return csv.ToString();
    }

    /// <summary>Medians per target, and each .NET function as a ratio of its Node.js peer (≤ 1.0 meets the target).</summary>
    public static string Markdown(IReadOnlyList<TargetResult> results)
    {
        var md = new StringBuilder();
        md.AppendLine("| target | cold wall ms | cold CPU ms | RSS at first response MB | warm p50 ms | warm p99 ms | RSS after soak MB |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var soak = string.Join(", ", r.MemoryAt.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}: {m.Value.Rss:F1} (peak {m.Value.Peak:F1})")));
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Target.Name} | {r.MedianWall:F1} | {r.MedianCpu:F1} | {r.MedianRss:F1} | {F(r.WarmP50)} | {F(r.WarmP99)} | {soak} |");
        }
        md.AppendLine();
        md.AppendLine("| ratio (.NET ÷ Node.js peer, same run) | cold CPU | cold wall | warm p50 | peak RSS after soak |");
        md.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => r.Target.Group))
        {
            var dotnet = group.FirstOrDefault(r => !r.Target.Name.EndsWith("-node", StringComparison.Ordinal));
            var node = group.FirstOrDefault(r => r.Target.Name.EndsWith("-node", StringComparison.Ordinal));
            if (dotnet is null || node is null) continue;
            var peak = dotnet.MemoryAt.Count > 0 && node.MemoryAt.Count > 0 ? F(dotnet.MemoryAt.Last().Value.Peak / node.MemoryAt.Last().Value.Peak) + "×" : "–";
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {dotnet.Target.Name} vs {node.Target.Name} | {dotnet.MedianCpu / node.MedianCpu:F2}× | {dotnet.MedianWall / node.MedianWall:F2}× | {F(dotnet.WarmP50 / node.WarmP50)}× | {peak} |");
        }
        return md.ToString();
    }

    private static string F(double value) => double.IsNaN(value) ? "–" : value.ToString("F2", CultureInfo.InvariantCulture);
}
