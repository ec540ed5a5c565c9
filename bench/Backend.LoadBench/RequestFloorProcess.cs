using System.Diagnostics;

namespace Backend.LoadBench;

/// <summary>
/// bench/RequestFloor's server (its front, its Runtime API, its worker processes) for the run: the three-exchange
/// floor of the emulator's design. Disposing stops it and its workers.
/// </summary>
public sealed class RequestFloorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RequestFloorProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    /// <summary>The front's base URL (no trailing slash).</summary>
    public string Url { get; }

    public int ProcessId => _process.Id;

    /// <summary>The server process's user+system CPU (on Linux, /proc/&lt;pid&gt;/stat), without its workers'.</summary>
    public TimeSpan ProcessorTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public static async Task<RequestFloorProcess> StartAsync(string dll, int workers)
    {
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is missing: dotnet publish bench/RequestFloor -c Release -o <publish>/RequestFloor (bench/run.sh does)", dll);
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", dll, "server", workers.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("the request floor did not start");
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("ready ", StringComparison.Ordinal))
                    return new RequestFloorProcess(process, line["ready ".Length..].TrimEnd('/'));
            }
            throw new InvalidOperationException($"the request floor exited before it was ready (exit code {(process.HasExited ? process.ExitCode : -1)})");
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Closing stdin asks the server to stop its workers and exit; a server that does not is killed with them.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The server is already gone (its stdin pipe broken); its workers leave on their own when /next fails.
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }

    /// <summary>The dotnet host running us (dotnet run sets DOTNET_HOST_PATH), else the one on PATH; as the emulator picks it.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";
}
