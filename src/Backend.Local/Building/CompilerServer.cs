using Backend.DynamoDbLocal;

namespace Backend.Local.Building;

/// <summary>
/// The C# compiler server (VBCSCompiler) our builds share, under a pipe name of this emulator's own: a warm
/// compiler takes a one-line rebuild from ~4.5 s to ~2 s here. Its own name lets us stop exactly the server we
/// started, and no other build's, when the emulator stops (left alone it would idle for 10 minutes).
/// </summary>
public sealed class CompilerServer
{
    private static int _count;

    /// <summary>Unique per emulator, and per server in one process (tests run several): stopping one never stops another's.</summary>
    public string PipeName { get; } = $"backend-local-{Environment.ProcessId}-{Interlocked.Increment(ref _count)}";

    /// <summary>The MSBuild properties that send a build's compilations to this server.</summary>
    public IEnumerable<string> BuildArguments => ["-p:UseSharedCompilation=true", $"-p:SharedCompilationId={PipeName}"];

    /// <summary>Stops the server process, if one was started (found in /proc by its pipe name).</summary>
    public void Stop()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            if (!ProcFs.CommandLine(pid).Contains($"-pipename:{PipeName}")) continue;
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(5000);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone meanwhile.
            }
        }
    }
}
