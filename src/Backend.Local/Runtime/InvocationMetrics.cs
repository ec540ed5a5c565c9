using System.Collections.Concurrent;

namespace Backend.Local.Runtime;

/// <summary>
/// The recent invocations' reports (the last 5 minutes), for the console's figures: per function, counts and
/// duration percentiles over a window, and per second for the live charts.
/// </summary>
public sealed class InvocationMetrics
{
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(5);

    private readonly ConcurrentQueue<InvocationReport> _reports = new();

    public void Record(InvocationReport report)
    {
        _reports.Enqueue(report);
        var oldest = DateTime.UtcNow - Kept;
        while (_reports.TryPeek(out var first) && first.EndedUtc < oldest) _reports.TryDequeue(out _);
    }

    /// <summary>A function's figures over the reports that ended in [from, to).</summary>
    public FunctionFigures Figures(string functionName, DateTime from, DateTime to)
    {
        var reports = _reports.Where(r => r.FunctionName == functionName && r.EndedUtc >= from && r.EndedUtc < to).ToList();
        var ran = reports.Where(r => !r.Throttled).Select(r => r.Duration.TotalMilliseconds).Order().ToList();
        return new FunctionFigures(
            ran.Count,
            reports.Count(r => r.Failed),
            reports.Count(r => r.Throttled),
            reports.Count(r => r.Cold),
            Percentile(ran, 0.50),
            Percentile(ran, 0.99));
    }

    /// <summary>The nearest-rank percentile of sorted values; null when there are none.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>Invocations (that ran), errors, throttles, cold starts, and duration p50/p99 in ms.</summary>
public sealed record FunctionFigures(int Invocations, int Errors, int Throttles, int ColdStarts, double? P50, double? P99);
