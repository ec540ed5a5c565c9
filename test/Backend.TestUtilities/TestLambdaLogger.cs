using System.Text;
using Backend.Lambda.Core;

namespace Backend.Lambda.TestUtilities;

/// <summary>A logger that keeps every line, for assertions (Amazon.Lambda.TestUtilities.TestLambdaLogger).</summary>
public sealed class TestLambdaLogger : ILambdaLogger
{
    private readonly Lock _gate = new();

    public StringBuilder Buffer { get; } = new();

    public void Log(string message) => Log(LogLevel.Information, message);

    public void LogLine(string message) => Log(LogLevel.Information, message);

    public void Log(LogLevel level, string message)
    {
        lock (_gate) Buffer.Append(level.ToAwsName()).Append(' ').AppendLine(message);
    }
}
