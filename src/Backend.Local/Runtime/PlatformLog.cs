using System.Globalization;

namespace Backend.Local.Runtime;

/// <summary>The lines the Lambda platform writes around each invocation.</summary>
public static class PlatformLog
{
    public static string Start(string requestId) => $"START RequestId: {requestId} Version: $LATEST";

    public static string End(string requestId) => $"END RequestId: {requestId}";

    /// <summary>
    /// <c>REPORT RequestId: … Duration: 1.23 ms Billed Duration: 2 ms Memory Size: 256 MB Max Memory Used: 45 MB [Init Duration: …]</c>,
    /// tab-separated as Lambda writes it. Billing rounds up to the millisecond.
    /// </summary>
    public static string Report(string requestId, TimeSpan duration, int memorySizeMb, int? maxMemoryUsedMb, TimeSpan? initDuration, bool timedOut)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"REPORT RequestId: {requestId}\tDuration: {duration.TotalMilliseconds:F2} ms\tBilled Duration: {Math.Max(1, (long)Math.Ceiling(duration.TotalMilliseconds))} ms\tMemory Size: {memorySizeMb} MB\tMax Memory Used: {maxMemoryUsedMb?.ToString(CultureInfo.InvariantCulture) ?? "?"} MB");
        if (initDuration is { } init) line += string.Create(CultureInfo.InvariantCulture, $"\tInit Duration: {init.TotalMilliseconds:F2} ms");
        if (timedOut) line += "\tStatus: timeout";
        return line;
    }
}
