using System.Diagnostics;
using System.Globalization;
using System.Text;
using Backend.Lambda.Serialization;

namespace Backend.Local.Runtime;

/// <summary>
/// How an invocation ended: one closed set of cases. What each case means to callers (Lambda's errorType and
/// errorMessage) and to the log (the platform's lines) is mapped here and nowhere else.
/// </summary>
public abstract record InvocationResult
{
    private InvocationResult() { }

    /// <summary>The handler's answer.</summary>
    public sealed record Success(byte[] Output) : InvocationResult;

    /// <summary>An error the runtime reported (invocation/error or init/error), passed on as it reported it.</summary>
    public sealed record FunctionError(string Type, byte[] Body) : InvocationResult;

    /// <summary>The invoke phase ran past the function's Timeout; the instance was killed.</summary>
    public sealed record Timeout(string RequestId, int Seconds) : InvocationResult;

    /// <summary>
    /// The instance did not finish its init within the limit of that phase, and was killed. In the init phase
    /// (10 s) Lambda then retries init within the invocation, so callers see the retry's ending, not this.
    /// </summary>
    public sealed record InitTimeout(TimeSpan Duration, InitPhase Phase) : InvocationResult;

    /// <summary>The process died before answering.</summary>
    public sealed record RuntimeExit(string RequestId, int ExitCode) : InvocationResult;

    /// <summary>The handler answered more than Lambda returns.</summary>
    public sealed record ResponseTooLarge(int LimitBytes) : InvocationResult;

    /// <summary>Not run: the function's reserved concurrency is 0. The caller answers as Lambda throttles (429), not as a function error.</summary>
    public sealed record Throttled : InvocationResult;

    /// <summary>No instance could start: the entry point (assembly or bootstrap) is missing or not executable.</summary>
    public sealed record InvalidEntrypoint(string RequestId, string Problem) : InvocationResult;

    public bool IsError => this is not Success;

    /// <summary>Lambda's errorType for this ending; null on success.</summary>
    public string? ErrorType => this switch
    {
        Success => null,
        FunctionError e => e.Type,
        Timeout or InitTimeout => "Sandbox.Timedout",
        RuntimeExit => "Runtime.ExitError",
        ResponseTooLarge => "Function.ResponseSizeTooLarge",
        InvalidEntrypoint => "Runtime.InvalidEntrypoint",
        Throttled => "TooManyRequestsException",
        _ => throw new UnreachableException(),
    };

    /// <summary>The message of an error the platform raises (not the function's own).</summary>
    private string PlatformErrorMessage => this switch
    {
        Timeout t => $"RequestId: {t.RequestId} Error: Task timed out after {t.Seconds}.00 seconds",
        InitTimeout i => string.Create(CultureInfo.InvariantCulture, $"Error: Init timed out after {i.Duration.TotalSeconds:F2} seconds"),
        RuntimeExit x => $"RequestId: {x.RequestId} Error: Runtime exited with error: exit status {x.ExitCode}",
        ResponseTooLarge r => $"Response payload size exceeded maximum allowed payload size ({r.LimitBytes} bytes).",
        InvalidEntrypoint e => $"RequestId: {e.RequestId} Error: {e.Problem}",
        Throttled => "Rate Exceeded.",
        _ => throw new UnreachableException(),
    };

    /// <summary>What the caller gets: the handler's output, or the error JSON that goes with X-Amz-Function-Error.</summary>
    public byte[] Payload => this switch
    {
        Success s => s.Output,
        FunctionError e => e.Body,
        _ => JsonBytes.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("errorType", ErrorType);
            w.WriteString("errorMessage", PlatformErrorMessage);
            w.WriteEndObject();
        }),
    };

    /// <summary>The line the platform writes to the function's log for this ending, before END; null when none.</summary>
    public string? LogLine(DateTime utcNow) => this switch
    {
        Timeout t => PlatformLog.TaskTimedOut(utcNow, t.RequestId, t.Seconds),
        InitTimeout i => PlatformLog.InitReport(i.Duration, i.Phase, "timeout"),
        _ => null,
    };

    /// <summary>The REPORT line's Status; null when it has none.</summary>
    public string? ReportStatus => this is Timeout ? "timeout" : null;

    public sealed override string ToString() => $"{ErrorType ?? "OK"}: {Encoding.UTF8.GetString(Payload)}";
}

/// <summary>Where an init ran: Lambda's own init phase (limited to 10 s), or retried within an invocation (limited by its Timeout).</summary>
public enum InitPhase
{
    Init,
    Invoke,
}
