namespace Backend.Local.Runtime;

/// <summary>
/// What an invocation's REPORT line says, as data: the console's execution summary and the metrics are made of it.
/// A throttled invocation has a report too (no duration: it never ran).
/// </summary>
public sealed record InvocationReport(
    string FunctionName,
    string Version,
    string RequestId,
    DateTime EndedUtc,
    TimeSpan Duration,
    long BilledDurationMs,
    TimeSpan? InitDuration,
    int MemorySizeMb,
    int? MaxMemoryUsedMb,
    bool Failed,
    bool Throttled)
{
    public bool Cold => InitDuration is not null;
}
