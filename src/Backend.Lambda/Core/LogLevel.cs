namespace Backend.Lambda.Core;

/// <summary>Log levels, ordered; the names AWS prints for them come from <see cref="LogLevelNames"/>.</summary>
public enum LogLevel
{
    Trace = 0,
    Debug = 1,
    Information = 2,
    Warning = 3,
    Error = 4,
    Critical = 5,
}

public static class LogLevelNames
{
    /// <summary>The level as Lambda's JSON log format and AWS_LAMBDA_LOG_LEVEL spell it.</summary>
    public static string ToAwsName(this LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARN",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };

    /// <summary>Reads AWS_LAMBDA_LOG_LEVEL's values (case-insensitive); null when unknown.</summary>
    public static LogLevel? FromAwsName(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" => LogLevel.Information,
        "WARN" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "FATAL" => LogLevel.Critical,
        _ => null,
    };
}
