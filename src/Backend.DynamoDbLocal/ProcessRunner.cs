using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Backend.DynamoDbLocal;

internal static class ProcessRunner
{
    /// <summary>Runs a command to its end and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, string whenMissing, CancellationToken cancellationToken)
    {
        using var process = Start(start, whenMissing);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>Starts a process, turning "no such program" into a message that says what to install.</summary>
    public static Process Start(ProcessStartInfo start, string whenMissing)
    {
        start.UseShellExecute = false;
        try
        {
            return Process.Start(start) ?? throw new DynamoDbLocalException(whenMissing);
        }
        catch (Win32Exception)
        {
            throw new DynamoDbLocalException(whenMissing);
        }
    }
}
