using System.Globalization;
using System.Text;

namespace Backend.RuntimeBench;

/// <summary>runtime.csv (every cold start) and runtime.md (each group's managed, native and Node.js side by side, and the Native AOT targets).</summary>
public static class Report
{
    private const double Megabyte = 1024 * 1024;

    public static string Csv(IEnumerable<TargetResult> results)
    {
        var csv = new StringBuilder("target,group,run,wall_ms,cpu_ms,rss_mb\n");
        foreach (var result in results)
            foreach (var c in result.ColdStarts)
                csv.Append(CultureInfo.InvariantCulture, $"{c.Target},{result.Target.Group},{c.Run},{c.WallMs:F2},{c.CpuMs:F2},{c.RssMb:F1}\n");
        return csv.ToString();
    }

    /// <summary>One row of a group's table: a label and how to read it off a target.</summary>
    private sealed record Metric(string Label, Func<TargetResult, double> Value, string Format = "F1");

    private static readonly Metric[] Metrics =
    [
        new("cold-start CPU ms", r => r.MedianCpu),
        new("cold-start wall ms", r => r.MedianWall),
        new("warm p50 ms", r => r.WarmP50, "F3"),
        new("warm p99 ms", r => r.WarmP99, "F3"),
        new("peak RSS MB", r => r.PeakRssMb),
        new("RSS at first response MB", r => r.MedianRss),
        new("package zip MB", r => r.ZipBytes is { } bytes ? bytes / Megabyte : double.NaN, "F2"),
        new("publish s", r => r.Target.BuildSeconds ?? double.NaN),
    ];

    /// <summary>A Native AOT target: a ratio to the Node.js peer, or a package size, and its limit.</summary>
    private sealed record Goal(string Group, string Label, Func<TargetResult, TargetResult?, double> Measured, double Limit, string Unit);

    private static readonly Goal[] Goals =
    [
        new("Calc", "native cold-start CPU ÷ Node.js", (n, node) => n.MedianCpu / node!.MedianCpu, 0.1, "×"),
        new("Calc", "native peak RSS ÷ Node.js", (n, node) => n.PeakRssMb / node!.PeakRssMb, 0.5, "×"),
        new("Calc", "native warm p50 ÷ Node.js", (n, node) => n.WarmP50 / node!.WarmP50, 0.5, "×"),
        new("Calc", "native package zip", (n, _) => (n.ZipBytes ?? double.NaN) / Megabyte, 1.5, " MB"),
        new("DynamoDBManager", "native cold-start CPU ÷ Node.js", (n, node) => n.MedianCpu / node!.MedianCpu, 0.1, "×"),
        new("DynamoDBManager", "native peak RSS ÷ Node.js", (n, node) => n.PeakRssMb / node!.PeakRssMb, 0.5, "×"),
        new("DynamoDBManager", "native warm p50 ÷ Node.js", (n, node) => n.WarmP50 / node!.WarmP50, 0.5, "×"),
        new("DynamoDBManager", "native package zip", (n, _) => (n.ZipBytes ?? double.NaN) / Megabyte, 5, " MB"),
    ];

    public static string Markdown(IReadOnlyList<TargetResult> results, string settings)
    {
        var md = new StringBuilder();
        md.AppendLine(settings).AppendLine();
        foreach (var group in results.Where(r => r.Target.Kind != Kind.Floor).GroupBy(r => r.Target.Group))
        {
            var managed = group.FirstOrDefault(r => r.Target.Kind == Kind.Managed);
            var native = group.FirstOrDefault(r => r.Target.Kind == Kind.Native);
            var node = group.FirstOrDefault(r => r.Target.Kind == Kind.Node);
            md.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | managed | native | Node.js | native ÷ Node.js | managed ÷ Node.js |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var metric in Metrics)
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {metric.Label} | {Cell(managed, metric)} | {Cell(native, metric)} | {Cell(node, metric)} | {Ratio(native, node, metric)} | {Ratio(managed, node, metric)} |");
            md.AppendLine();
        }

        md.AppendLine("| Native AOT target | limit | measured | |");
        md.AppendLine("|---|---:|---:|---|");
        foreach (var goal in Goals)
        {
            var native = results.FirstOrDefault(r => r.Target.Group == goal.Group && r.Target.Kind == Kind.Native);
            var node = results.FirstOrDefault(r => r.Target.Group == goal.Group && r.Target.Kind == Kind.Node);
            var value = native is null || (node is null && goal.Unit == "×") ? double.NaN : goal.Measured(native, node);
            var verdict = double.IsNaN(value) ? "not measured" : value <= goal.Limit ? "**met**" : "**missed**";
            md.AppendLine(CultureInfo.InvariantCulture, $"| {goal.Group}: {goal.Label} | ≤ {goal.Limit:0.0#}{goal.Unit} | {F(value, "F3")}{goal.Unit} | {verdict} |");
        }
        md.AppendLine();

        md.AppendLine("| target | what its package zip holds | RSS after soak MB |");
        md.AppendLine("|---|---|---|");
        foreach (var r in results)
        {
            var soak = string.Join(", ", r.MemoryAt.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key}: {m.Value.Rss:F1} (peak {m.Value.Peak:F1})")));
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Target.Name} | {r.Target.Package?.What ?? "–"} | {(soak.Length > 0 ? soak : "–")} |");
        }
        return md.ToString();
    }

    private static string Cell(TargetResult? result, Metric metric) =>
        result is null ? "–" : F(metric.Value(result), metric.Format);

    private static string Ratio(TargetResult? result, TargetResult? node, Metric metric) =>
        result is null || node is null ? "–" : F(metric.Value(result) / metric.Value(node)) is var ratio && ratio != "–" ? ratio + "×" : "–";

    private static string F(double value, string format = "F2") =>
        double.IsNaN(value) || double.IsInfinity(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);
}
