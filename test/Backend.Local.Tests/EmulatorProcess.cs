using System.Diagnostics;
using System.Text;

namespace Backend.Local.Tests;

/// <summary>The real command line (dotnet Backend.Local.dll …) in its own process, its stdout and stderr kept apart.</summary>
internal sealed class EmulatorProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EmulatorProcess(Process process) => _process = process;

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public string Error
    {
        get { lock (_error) return _error.ToString(); }
    }

    public static EmulatorProcess Start(IEnumerable<string> args, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Backend.Local.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var emulator = new EmulatorProcess(Process.Start(start)!);
        emulator._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (emulator._output) emulator._output.AppendLine(e.Data);
            if (e.Data.StartsWith("Ctrl+C stops everything", StringComparison.Ordinal)) emulator._ready.TrySetResult();
        };
        emulator._process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (emulator._error) emulator._error.AppendLine(e.Data);
        };
        emulator._process.BeginOutputReadLine();
        emulator._process.BeginErrorReadLine();
        return emulator;
    }

    /// <summary>Its end, which must come within the time; the exit code and stderr.</summary>
    public async Task<(int Exit, string Error)> WaitForExitAsync(TimeSpan within)
    {
        await _process.WaitForExitAsync().WaitAsync(within);
        _process.WaitForExit(); // the redirected streams are drained only after this overload returns
        return (ExitCode, Error);
    }

    /// <summary>Runs to its end (a command that fails fast); the exit code and stderr.</summary>
    public static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        using var emulator = Start(args);
        return await emulator.WaitForExitAsync(TimeSpan.FromSeconds(120));
    }

    /// <summary>A client of its API Gateway: --port 0 picks a free port, and the banner says which.</summary>
    public HttpClient ApiClient()
    {
        var line = Output.Split('\n').First(l => l.StartsWith("API Gateway:", StringComparison.Ordinal));
        return new HttpClient { BaseAddress = new Uri(line["API Gateway:".Length..].Trim()), Timeout = TimeSpan.FromSeconds(120) };
    }

    /// <summary>
    /// Until it prints its banner and, when it serves tables, says each is ready (it serves before DynamoDB Local
    /// answers); fails with what it printed if it exits or takes too long.
    /// </summary>
    public async Task WaitUntilReadyAsync(bool tables = true)
    {
        var deadline = Task.Delay(TimeSpan.FromSeconds(180));
        var ended = await Task.WhenAny(_ready.Task, _process.WaitForExitAsync(), deadline);
        if (ended != _ready.Task) Assert.Fail($"the emulator did not start (exited: {_process.HasExited}):\n{Output}\n{Error}");
        var names = !tables ? [] : Output.Split('\n').FirstOrDefault(l => l.StartsWith("DynamoDB Local:", StringComparison.Ordinal)) is { } line && line.IndexOf("(tables: ", StringComparison.Ordinal) is var at and >= 0
            ? line[(at + "(tables: ".Length)..].TrimEnd().TrimEnd(')').Split(", ", StringSplitOptions.RemoveEmptyEntries)
            : [];
        while (!names.All(t => Output.Contains($"Table {t} ready", StringComparison.Ordinal)))
        {
            if (_process.HasExited || deadline.IsCompleted) Assert.Fail($"DynamoDB Local did not get ready (exited: {_process.HasExited}):\n{Output}\n{Error}");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL to the emulator alone: what it started is left to fend for itself, as after a crash or `kill -9`.</summary>
    public async Task KillAloneAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>Ctrl+C, and its end.</summary>
    public async Task InterruptAsync()
    {
        using (var interrupt = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await interrupt.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Leaves nothing behind: every descendant, then the emulator.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            foreach (var pid in ProcessTable.Descendants(_process.Id)) ProcessTable.Kill(pid);
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
