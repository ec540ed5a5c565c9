using System.Text;

namespace Backend.Local.Runtime;

/// <summary>One invocation of a function: its payload in, its one-shot completion out.</summary>
public sealed class Invocation(byte[] payload, string? clientContext = null)
{
    public string RequestId { get; } = Guid.NewGuid().ToString();
    public byte[] Payload { get; } = payload;

    /// <summary>The decoded JSON of X-Amz-Client-Context, passed on to the runtime in <see cref="Backend.Lambda.RuntimeSupport.RuntimeApiHeaders.ClientContext"/>.</summary>
    public string? ClientContext { get; } = clientContext;

    /// <summary>When the invocation must end (the function's Timeout): set when an instance takes it, or when its init is retried within it.</summary>
    public DateTimeOffset? Deadline { get; internal set; }

    /// <summary>X-Ray's trace header for this invocation.</summary>
    public string TraceId { get; } = NewTraceId();

    /// <summary>Completed once, by whichever comes first: the runtime's answer, the timeout, or the process's death.</summary>
    internal TaskCompletionSource<InvocationResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What its REPORT line said, once it has ended (the console's execution summary).</summary>
    public InvocationReport? Report { get; internal set; }

    private readonly StringBuilder _log = new();

    /// <summary>Log lines of this invocation (the function's and the platform's START/END/REPORT).</summary>
    public void AppendLog(string line)
    {
        lock (_log) _log.Append(line).Append('\n');
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    private static string NewTraceId()
    {
        var epoch = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        return $"Root=1-{epoch}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..24]};Parent={Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16]};Sampled=0";
    }
}
