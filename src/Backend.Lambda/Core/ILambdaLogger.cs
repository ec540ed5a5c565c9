namespace Backend.Lambda.Core;

/// <summary>The function's logger (Amazon.Lambda.Core.ILambdaLogger).</summary>
public interface ILambdaLogger
{
    /// <summary>Logs a message at Information level.</summary>
    void Log(string message);

    /// <summary>Logs a message at Information level (kept for the official interface's shape).</summary>
    void LogLine(string message);

    void Log(LogLevel level, string message);

    void LogTrace(string message) => Log(LogLevel.Trace, message);
    void LogDebug(string message) => Log(LogLevel.Debug, message);
    void LogInformation(string message) => Log(LogLevel.Information, message);
    void LogWarning(string message) => Log(LogLevel.Warning, message);
    void LogError(string message) => Log(LogLevel.Error, message);
    void LogCritical(string message) => Log(LogLevel.Critical, message);
}
