namespace Backend.Local.Runtime;

/// <summary>Where function output and platform lines (START/END/REPORT) go: the emulator's console, stderr for `invoke`.</summary>
public sealed class LogSink(TextWriter writer, bool prefixWithFunctionName = true)
{
    private readonly Lock _gate = new();

    /// <summary>What the log tail names as the source of the emulator's own lines (a reload, a build's errors).</summary>
    public const string EmulatorSource = "emulator";

    /// <summary>The recent lines and their live followers (the console's log tail).</summary>
    public LogFeed Feed { get; } = new();

    public void Write(string functionName, string line)
    {
        Feed.Add(functionName, line);
        lock (_gate)
        {
            if (prefixWithFunctionName) writer.Write($"[{functionName}] ");
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    /// <summary>One line of the emulator's own (a reload), written whole between functions' lines.</summary>
    public void WriteLine(string line)
    {
        Feed.Add(EmulatorSource, line);
        lock (_gate)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    /// <summary>A sink that drops everything (tests that do not read the console).</summary>
    public static LogSink Null { get; } = new(TextWriter.Null);
}
