using Backend.Lambda.Core;
using Backend.Lambda.Serialization;

namespace Backend.Lambda.Logging;

/// <summary>The two log formats Lambda offers (AWS_LAMBDA_LOG_FORMAT).</summary>
public enum LambdaLogFormat
{
    /// <summary><c>timestamp TAB requestId TAB LEVEL TAB message</c>, one line per call.</summary>
    Text,
    /// <summary>One JSON object per line: timestamp, level, requestId, message.</summary>
    Json,
}

/// <summary>
/// Writes Lambda-style log lines to an output (stdout in a function process, which Lambda ships
/// to CloudWatch). One lock per line keeps concurrent writers from interleaving.
/// </summary>
public sealed class LambdaConsoleLogger : ILambdaLogger
{
    private readonly TextWriter _output;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();

    public LambdaConsoleLogger(TextWriter output, LambdaLogFormat format, LogLevel minimumLevel, TimeProvider? clock = null)
    {
        _output = output;
        Format = format;
        MinimumLevel = minimumLevel;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Reads AWS_LAMBDA_LOG_FORMAT (Text unless "JSON") and AWS_LAMBDA_LOG_LEVEL (INFO unless set).</summary>
    public static LambdaConsoleLogger FromSettings(TextWriter output, string? logFormat, string? logLevel) => new(
        output,
        string.Equals(logFormat?.Trim(), "JSON", StringComparison.OrdinalIgnoreCase) ? LambdaLogFormat.Json : LambdaLogFormat.Text,
        LogLevelNames.FromAwsName(logLevel) ?? LogLevel.Information);

    public LambdaLogFormat Format { get; }
    public LogLevel MinimumLevel { get; }

    /// <summary>The request being served; set by the runtime loop around each invocation.</summary>
    public string? CurrentRequestId { get; set; }

    public void Log(string message) => Log(LogLevel.Information, message);

    public void LogLine(string message) => Log(LogLevel.Information, message);

    public void Log(LogLevel level, string message)
    {
        if (level < MinimumLevel) return;
        var timestamp = _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var line = Format == LambdaLogFormat.Json
            ? JsonLine(timestamp, level, CurrentRequestId, message)
            : $"{timestamp}\t{CurrentRequestId ?? "undefined"}\t{level.ToAwsName()}\t{message}";
        lock (_gate)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    private static string JsonLine(string timestamp, LogLevel level, string? requestId, string message) => JsonBytes.WriteString(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("timestamp", timestamp);
        writer.WriteString("level", level.ToAwsName());
        if (requestId is not null) writer.WriteString("requestId", requestId);
        writer.WriteString("message", message);
        writer.WriteEndObject();
    }, 128 + message.Length);
}
