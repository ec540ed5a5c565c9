using Backend.Local.Runtime;

namespace Backend.Local.Tests.WebConsole;

/// <summary>The figures the console shows: counts per window, nearest-rank percentiles, throttles apart from errors.</summary>
public sealed class InvocationMetricsTests
{
    private static InvocationReport Report(string function, DateTime ended, double ms, bool cold = false, bool failed = false, bool throttled = false) =>
        new(function, "$LATEST", Guid.NewGuid().ToString(), ended, TimeSpan.FromMilliseconds(ms), (long)Math.Ceiling(ms),
            cold ? TimeSpan.FromMilliseconds(100) : null, 256, 40, failed, throttled);

    [Fact]
    public void Figures_count_invocations_errors_throttles_and_cold_starts_in_the_window_of_one_function()
    {
        var metrics = new InvocationMetrics();
        var now = DateTime.UtcNow;
        for (var i = 1; i <= 100; i++) metrics.Record(Report("Calc", now.AddMilliseconds(-i), i, cold: i == 1, failed: i % 10 == 0));
        metrics.Record(Report("Calc", now.AddMilliseconds(-5), 0, throttled: true));
        metrics.Record(Report("Other", now.AddMilliseconds(-5), 999));
        metrics.Record(Report("Calc", now.AddSeconds(-30), 5000));

        var figures = metrics.Figures("Calc", now.AddSeconds(-1), now.AddSeconds(1));

        Assert.Equal(new FunctionFigures(100, 10, 1, 1, 50, 99), figures);
    }

    [Fact]
    public void No_invocation_has_no_percentiles_and_old_reports_are_let_go()
    {
        var metrics = new InvocationMetrics();
        metrics.Record(Report("Calc", DateTime.UtcNow - InvocationMetrics.Kept - TimeSpan.FromMinutes(1), 1));
        metrics.Record(Report("Calc", DateTime.UtcNow, 2));

        Assert.Equal(new FunctionFigures(0, 0, 0, 0, null, null), metrics.Figures("Calc", DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddSeconds(-1)));
        Assert.Equal(1, metrics.Figures("Calc", DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddSeconds(1)).Invocations);
    }
}
