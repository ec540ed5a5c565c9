using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Backend.ReloadBench;

/// <summary>
/// <c>Backend.Local.dll start</c> on the copy's template, as a user runs it: its stdout is kept line by line with
/// the time each line arrived, so the benchmark can quote the emulator's own "Reloaded ..." lines.
/// </summary>
public sealed class Emulator : IAsyncDisposable
{
    public const string ReadyLine = "Ctrl+C stops everything.";

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _linesLock = new();
    // Completed (and replaced) on every new line: waiters look again instead of polling.
    private TaskCompletionSource _nextLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Emulator(Process process, int apiPort, int lambdaPort)
    {
        _process = process;
        ApiUrl = $"http://127.0.0.1:{apiPort}";
        LambdaUrl = $"http://127.0.0.1:{lambdaPort}";
    }

    public string ApiUrl { get; }

    public string LambdaUrl { get; }

    public int ProcessId => _process.Id;

    public static Emulator Start(string emulatorDll, string templatePath)
    {
        var (apiPort, lambdaPort) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(templatePath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { emulatorDll, "start", "--template", templatePath, "--in-memory", "--port", apiPort.ToString(), "--lambda-port", lambdaPort.ToString(), "--console-port", "0", "--no-throttling" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var emulator = new Emulator(process, apiPort, lambdaPort);
        process.OutputDataReceived += (_, e) => emulator.Add(e.Data);
        process.ErrorDataReceived += (_, e) => emulator.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return emulator;
    }

    /// <summary>Another process may take the port between this and the emulator's bind; the banner wait then fails loudly.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Add(string? line)
    {
        if (line is null) return;
        TaskCompletionSource arrived;
        lock (_linesLock)
        {
            _lines.Add(line);
            arrived = _nextLine;
            _nextLine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        arrived.SetResult();
    }

    /// <summary>How many lines were printed so far: a mark to look for new lines after.</summary>
    public int LineCount
    {
        get { lock (_linesLock) return _lines.Count; }
    }

    public IReadOnlyList<string> LinesSince(int mark)
    {
        lock (_linesLock) return _lines.Skip(mark).ToList();
    }

    /// <summary>The first line after <paramref name="mark"/> that matches, or null once <paramref name="timeout"/> passed or the emulator exited.</summary>
    public async Task<string?> WaitForLineAsync(int mark, Func<string, bool> match, TimeSpan timeout)
    {
        using var expired = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (_linesLock)
            {
                for (var i = mark; i < _lines.Count; i++)
                {
                    if (match(_lines[i])) return _lines[i];
                }
                mark = _lines.Count;
                next = _nextLine.Task;
            }
            if (_process.HasExited) return null;
            try
            {
                await next.WaitAsync(expired.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        if (await WaitForLineAsync(0, l => l.Contains(ReadyLine, StringComparison.Ordinal), timeout) is null)
            throw new InvalidOperationException($"the emulator printed no \"{ReadyLine}\" within {timeout.TotalSeconds:F0} s:\n" + string.Join('\n', LinesSince(0)));
    }

    /// <summary>SIGTERM, as a service manager stops it, then waits: the emulator stops its function processes, DynamoDB Local and compiler server itself.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var clock = Stopwatch.StartNew();
        if (_process.HasExited) return TimeSpan.Zero;
        await Signals.SendAsync(_process.Id, "TERM");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("the emulator did not exit within 60 s of SIGTERM (killed)");
        }
        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await StopAsync();
        _process.Dispose();
    }
}
