using System.Diagnostics;

namespace RequestFloor;

/// <summary>The worker processes, started the way the emulator starts a function instance (<c>dotnet exec</c>).</summary>
internal sealed class Workers : IDisposable
{
    // The emulator gives a 128 MB function this GC heap limit (75% of MemorySize); the workers get the same.
    private const string HeapHardLimit = "0x6000000";
    private readonly List<Process> _processes = [];

    public static Workers Start(int count, string runtimeApi)
    {
        var workers = new Workers();
        var dll = Path.Combine(AppContext.BaseDirectory, "RequestFloor.dll");
        for (var i = 0; i < count; i++)
        {
            var start = new ProcessStartInfo(DotnetHost()) { UseShellExecute = false };
            foreach (var arg in new[] { "exec", dll, "worker" }) start.ArgumentList.Add(arg);
            start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
            start.Environment["DOTNET_GCHeapHardLimit"] = HeapHardLimit;
            workers._processes.Add(Process.Start(start) ?? throw new InvalidOperationException("a worker did not start"));
        }
        return workers;
    }

    /// <summary>Waits for the workers to leave (they do once /next answers 500), then kills any that did not.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        using var timeout = new CancellationTokenSource(grace);
        foreach (var process in _processes)
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }

    /// <summary>The dotnet host running us, else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
}
