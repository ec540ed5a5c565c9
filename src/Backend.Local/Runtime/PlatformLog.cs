using System.Globalization;

namespace Backend.Local.Runtime;

/// <summary>The lines the Lambda platform writes around each invocation.</summary>
public static class PlatformLog
{
    public static string Start(string requestId) => $"START RequestId: {requestId} Version: $LATEST";

    public static string End(string requestId) => $"END RequestId: {requestId}";

    /// <summary>
    /// <c>REPORT RequestId: … Duration: 1.23 ms Billed Duration: 2 ms Memory Size: 256 MB Max Memory Used: 45 MB [Init Duration: …] [Status: …]</c>,
    /// tab-separated as Lambda writes it. Billing rounds up to the millisecond.
    /// </summary>
    public static string Report(string requestId, TimeSpan duration, int memorySizeMb, int? maxMemoryUsedMb, TimeSpan? initDuration, string? status)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"REPORT RequestId: {requestId}\tDuration: {duration.TotalMilliseconds:F2} ms\tBilled Duration: {BilledMilliseconds(duration)} ms\tMemory Size: {memorySizeMb} MB\tMax Memory Used: {maxMemoryUsedMb?.ToString(CultureInfo.InvariantCulture) ?? "?"} MB");
        if (initDuration is { } init) line += string.Create(CultureInfo.InvariantCulture, $"\tInit Duration: {init.TotalMilliseconds:F2} ms");
        if (status is not null) line += $"\tStatus: {status}";
        return line;
    }

    /// <summary>Lambda bills the invoke phase rounded up to the millisecond, at least 1 ms.</summary>
    public static long BilledMilliseconds(TimeSpan duration) => Math.Max(1, (long)Math.Ceiling(duration.TotalMilliseconds));

    /// <summary><c>2024-01-29T16:41:15.998Z {requestId} Task timed out after 3.00 seconds</c>: an invoke phase past the function's Timeout.</summary>
    public static string TaskTimedOut(DateTime utcNow, string requestId, int seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{utcNow:yyyy-MM-ddTHH:mm:ss.fffZ} {requestId} Task timed out after {seconds}.00 seconds");

    /// <summary>
    /// <c>INIT_REPORT Init Duration: 10000.12 ms	Phase: init	Status: timeout</c>: Lambda's line for an init that did not end
    /// well, in its own init phase or retried within an invocation (<c>Phase: invoke</c>).
    /// </summary>
    public static string InitReport(TimeSpan duration, InitPhase phase, string status) =>
        string.Create(CultureInfo.InvariantCulture,
            $"INIT_REPORT Init Duration: {duration.TotalMilliseconds:F2} ms\tPhase: {(phase == InitPhase.Init ? "init" : "invoke")}\tStatus: {status}");
}
