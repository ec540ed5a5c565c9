using System.Diagnostics;
using System.Threading.Channels;
using Backend.Template;

namespace Backend.Local.Runtime;

/// <summary>
/// One function process (<c>dotnet exec X.dll</c>, as the managed runtime starts it), speaking the
/// Runtime API at its own path prefix. It runs one invocation at a time.
/// </summary>
public sealed class FunctionInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly LogSink _logs;
    private readonly Channel<Invocation> _inbox = Channel.CreateBounded<Invocation>(1);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private readonly CancellationTokenSource _draining = new();
    private volatile Invocation? _current;
    private volatile bool _broken;
    private InvocationResult? _initError;
    private TaskCompletionSource? _delivered;
    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FunctionInstance(string id, FunctionDefinition function, string functionArn, Process process, LogSink logs)
    {
        Id = id;
        FunctionArn = functionArn;
        Function = function;
        _process = process;
        _logs = logs;
    }

    public string Id { get; }
    public FunctionDefinition Function { get; }
    public string FunctionArn { get; }
    /// <summary>The process id; 0 in the moment between registration and the process's start.</summary>
    public int ProcessId => _started ? _process.Id : 0;

    private volatile bool _started;

    /// <summary>
    /// Whether the REPORT of an invocation on this instance still owes its Init Duration: a pre-warmed instance
    /// (--warm-containers EAGER) reports it with its first invocation, as a cold start does.
    /// </summary>
    public bool InitReportPending { get; set; }

    /// <summary>Ends when the runtime has finished init (its first /next) or the process has exited.</summary>
    public Task InitializedOrExited => Task.WhenAny(_initialized.Task, _exited.Task);

    /// <summary>From process start to its first /next: the cold start's init phase.</summary>
    public TimeSpan? InitDuration { get; private set; }

    /// <summary>True until the process died, was killed, or failed init.</summary>
    public bool IsReusable => _started && !_broken && !_process.HasExited;

    /// <param name="register">
    /// Called with the instance before its process runs, so that the process's first /next finds it wherever the
    /// Runtime API looks instances up: registered afterwards, a runtime quick to poll (or an emulator thread slow to
    /// be scheduled) got a 404 and the process exited.
    /// </param>
    public static FunctionInstance Start(FunctionDefinition function, string functionArn, ProcessStartInfo start, string id, LogSink logs,
        Action<FunctionInstance> register)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var instance = new FunctionInstance(id, function, functionArn, process, logs);
        process.OutputDataReceived += (_, e) => instance.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => instance.OnOutput(e.Data);
        process.Exited += (_, _) => instance._exited.TrySetResult();
        register(instance);
        process.Start();
        instance._started = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return instance;
    }

    private void OnOutput(string? line)
    {
        if (line is null) return;
        _logs.Write(Function.FunctionName, line);
        _current?.AppendLog(line);
    }

    /// <summary>Hands the invocation to the process and waits for its end: answer, error, timeout or death.</summary>
    /// <param name="initPhase">
    /// Where this instance's init runs, if it is cold: in Lambda's init phase (at most 10 s, then the function's
    /// Timeout for the invocation), or retried within the invocation, where the Timeout covers init and handler.
    /// </param>
    public async Task<InvocationResult> RunAsync(Invocation invocation, InitPhase initPhase = InitPhase.Init)
    {
        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _delivered = delivered;
        _current = invocation;
        var timeout = TimeSpan.FromSeconds(Function.Timeout);
        var clock = Stopwatch.StartNew();
        // An init retried within the invocation spends the invocation's time: its deadline runs from now.
        if (initPhase == InitPhase.Invoke) invocation.Deadline = DateTimeOffset.UtcNow + timeout;
        try
        {
            _inbox.Writer.TryWrite(invocation);

            // Phase 1: the process takes it from /next (at once when warm; after init when cold).
            // WaitAsync rather than Task.Delay: its timer is released as soon as the wait ends.
            try
            {
                if (await Task.WhenAny(delivered.Task, _exited.Task).WaitAsync(initPhase == InitPhase.Init ? LambdaLimits.InitTimeout : timeout) != delivered.Task)
                    return await DiedAsync(invocation);
            }
            catch (TimeoutException)
            {
                // A timer may fire a fraction of a millisecond early; the init phase did last its whole limit.
                var initDuration = initPhase == InitPhase.Init && _sinceStart.Elapsed < LambdaLimits.InitTimeout ? LambdaLimits.InitTimeout : _sinceStart.Elapsed;
                _broken = true;
                await KillAsync();
                return new InvocationResult.InitTimeout(initDuration, initPhase);
            }

            // Phase 2: the function runs, under its Timeout (what is left of it when init ran within the invocation).
            var left = initPhase == InitPhase.Init ? timeout : timeout - clock.Elapsed;
            try
            {
                var ended = await Task.WhenAny(invocation.Completion.Task, _exited.Task).WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                if (ended == invocation.Completion.Task) return await invocation.Completion.Task;
                // The answer may have arrived just before the exit.
                return invocation.Completion.Task.IsCompleted ? await invocation.Completion.Task : await DiedAsync(invocation);
            }
            catch (TimeoutException)
            {
                // Past its Timeout: killed and replaced, as Lambda does.
            }
            _broken = true;
            await KillAsync();
            return new InvocationResult.Timeout(invocation.RequestId, Function.Timeout);
        }
        finally
        {
            _current = null;
            _delivered = null;
        }
    }

    /// <summary>The process exited before answering: its init error if it reported one, else Lambda's exit error.</summary>
    private async Task<InvocationResult> DiedAsync(Invocation invocation)
    {
        _broken = true;
        await _process.WaitForExitAsync();
        return _initError ?? new InvocationResult.RuntimeExit(invocation.RequestId, _process.ExitCode);
    }

    /// <summary>GET /next: waits for the next invocation; null tells the runtime to exit (500).</summary>
    internal async Task<Invocation?> NextAsync(CancellationToken requestAborted)
    {
        InitDuration ??= _sinceStart.Elapsed;
        _initialized.TrySetResult();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _draining.Token);
        try
        {
            var invocation = await _inbox.Reader.ReadAsync(linked.Token);
            invocation.Deadline ??= DateTimeOffset.UtcNow.AddSeconds(Function.Timeout);
            _delivered?.TrySetResult();
            return invocation;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>POST …/response or …/error for the invocation in flight; false when the id is not it.</summary>
    internal bool Complete(string requestId, InvocationResult result)
    {
        var current = _current;
        if (current is null || current.RequestId != requestId) return false;
        return current.Completion.TrySetResult(result);
    }

    /// <summary>POST /init/error: the process will exit; the waiting invocation gets this error.</summary>
    internal void InitFailed(InvocationResult error)
    {
        _initError = error;
        _broken = true;
    }

    private int? _peakMemory;
    private long _peakMemoryReadAt = long.MinValue;

    /// <summary>
    /// Peak RSS so far, in MB. Read from /proc at most every 100 ms: under load, reading it for every
    /// invocation cost more than the rest of the bookkeeping, and a peak moves slowly.
    /// </summary>
    public int? PeakMemoryMegabytes
    {
        get
        {
            var now = Environment.TickCount64;
            if (now - _peakMemoryReadAt >= 100 || _peakMemory is null)
            {
                _peakMemory = ProcessMemory.PeakRssMegabytes(_process.Id) ?? _peakMemory;
                _peakMemoryReadAt = now;
            }
            return _peakMemory;
        }
    }

    /// <summary>Asks the runtime to exit (/next answers 500), then kills it if it has not after a moment.</summary>
    public async ValueTask DisposeAsync()
    {
        _draining.Cancel();
        _broken = true;
        await Task.WhenAny(_exited.Task, Task.Delay(TimeSpan.FromSeconds(2)));
        await KillAsync();
        _process.Dispose();
        _draining.Dispose();
    }

    private async Task KillAsync()
    {
        if (!_started) return; // its start failed: there is no process
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        await _process.WaitForExitAsync();
    }
}
