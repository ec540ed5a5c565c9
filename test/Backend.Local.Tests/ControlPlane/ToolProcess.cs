using System.Diagnostics;
using Xunit.Sdk;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// Runs an external tool (aws, python3) to completion with its output captured. A hung tool would
/// hang the whole test run, so each run is killed after a deadline and fails the test saying so.
/// </summary>
internal static class ToolProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<AwsResult> RunAsync(ProcessStartInfo start, string? standardInput = null, TimeSpan? timeout = null)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = standardInput is not null;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        // Read both streams while the tool runs: a tool blocked on a full pipe never exits.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
            process.StandardInput.Close();
        }
        var limit = timeout ?? DefaultTimeout;
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new XunitException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {limit.TotalSeconds:0} s and was killed.\nstdout:\n{await output}\nstderr:\n{await error}");
        }
        return new AwsResult(process.ExitCode, await output, await error);
    }
}
