using System.Globalization;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>
/// The standard variables Lambda sets for a function process, read once at start-up.
/// Reading and writing go through delegates so tests need not touch the real process environment.
/// </summary>
public sealed class LambdaEnvironment
{
    private readonly Action<string, string?> _write;

    public LambdaEnvironment(Func<string, string?> read, Action<string, string?> write)
    {
        _write = write;
        RuntimeApi = read("AWS_LAMBDA_RUNTIME_API");
        FunctionName = read("AWS_LAMBDA_FUNCTION_NAME") ?? "";
        FunctionVersion = read("AWS_LAMBDA_FUNCTION_VERSION") ?? "$LATEST";
        MemoryLimitInMB = int.TryParse(read("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), NumberStyles.None, CultureInfo.InvariantCulture, out var memory) ? memory : 0;
        LogGroupName = read("AWS_LAMBDA_LOG_GROUP_NAME") ?? "";
        LogStreamName = read("AWS_LAMBDA_LOG_STREAM_NAME") ?? "";
        LogFormat = read("AWS_LAMBDA_LOG_FORMAT");
        LogLevel = read("AWS_LAMBDA_LOG_LEVEL");
    }

    public static LambdaEnvironment FromProcess() =>
        new(Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);

    public string? RuntimeApi { get; }
    public string FunctionName { get; }
    public string FunctionVersion { get; }
    public int MemoryLimitInMB { get; }
    public string LogGroupName { get; }
    public string LogStreamName { get; }
    public string? LogFormat { get; }
    public string? LogLevel { get; }

    /// <summary>Sets _X_AMZN_TRACE_ID for the invocation about to run (the X-Ray SDKs read it there).</summary>
    public void SetTraceId(string? traceId) => _write(RuntimeApiHeaders.TraceIdEnvironmentVariable, traceId);
}
