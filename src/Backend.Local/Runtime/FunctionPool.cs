using System.Collections.Concurrent;
using System.Diagnostics;
using Backend.Template;

namespace Backend.Local.Runtime;

/// <summary>
/// The warm instances of one function. Instances start on first use and stay; each runs one
/// invocation at a time; concurrent invocations start more, up to the concurrency limit, beyond
/// which they wait for a free one. A dead or timed-out instance is reaped, and the next
/// invocation starts a new one. An init that overruns Lambda's 10 s init phase is retried, as Lambda
/// does, on a fresh instance within the invocation. A pool runs one version of a function; when that version's code
/// or configuration changes, a new pool takes the new invocations and this one is retired: its idle instances stop
/// at once, busy ones when their invocation ends.
/// </summary>
public sealed class FunctionPool : IAsyncDisposable
{
    private readonly ConcurrencyLimit _slots;
    private readonly InstanceDirectory _directory;
    private readonly ConcurrentStack<FunctionInstance> _idle = new();
    private readonly ConcurrentDictionary<string, FunctionInstance> _all = new();
    private readonly Func<FunctionPool, string, Action<FunctionInstance>, FunctionInstance> _startInstance;
    private readonly LogSink _logs;
    private readonly InvocationMetrics? _metrics;
    private readonly Task _dependencies;
    private volatile bool _retired;

    // One count for all pools: an instance id is unique on the host, where the Runtime API looks instances up.
    private static int _nextId;

    /// <param name="version">$LATEST or a published version number: what X-Amz-Executed-Version reports.</param>
    /// <param name="limit">The function's concurrency, shared with its other versions' pools.</param>
    /// <param name="startInstance">
    /// Starts a process for (this pool, instance id), handing the instance to the given registration before the process
    /// runs; throws <see cref="InvalidEntrypointException"/> when it cannot.
    /// </param>
    /// <param name="dependencies">What must be up before an instance starts (DynamoDB Local, for a function that uses it); a warm instance does not wait.</param>
    public FunctionPool(FunctionDefinition function, string version, ConcurrencyLimit limit,
        Func<FunctionPool, string, Action<FunctionInstance>, FunctionInstance> startInstance, InstanceDirectory directory, LogSink logs, InvocationMetrics? metrics = null, Task? dependencies = null)
    {
        _dependencies = dependencies ?? Task.CompletedTask;
        _metrics = metrics;
        Function = function;
        Version = version;
        _slots = limit;
        _startInstance = startInstance;
        _directory = directory;
        _logs = logs;
    }

    public FunctionDefinition Function { get; }
    public string Version { get; }
    public int ConcurrencyLimit => _slots.Limit;
    public bool IsRetired => _retired;

    /// <summary>Live instances, idle or busy.</summary>
    public int InstanceCount => _all.Count;

    /// <summary>The process ids of the live instances (diagnostics, and tests that check nothing is left behind).</summary>
    public IReadOnlyList<int> ProcessIds => _all.Values.Select(i => i.ProcessId).Where(id => id != 0).ToList();

    /// <summary>Invocations sent to this pool and not yet ended, waiting for a slot or running.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    private int _inFlight;

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await RunAsync(invocation, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task<InvocationResult> RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        // The instance being pre-warmed is the one to take: waiting for the rest of its init beats a second cold start.
        if (_warming is { IsCompleted: false } warming) await warming.WaitAsync(cancellationToken);
        if (!await _slots.EnterAsync(cancellationToken))
        {
            // A throttle is not a function error (Lambda counts them apart).
            Reported(invocation, TimeSpan.Zero, null, null, failed: false, throttled: true);
            return new InvocationResult.Throttled();
        }
        try
        {
            FunctionInstance instance;
            bool cold;
            try
            {
                (instance, cold) = await TakeOrStartAsync();
            }
            catch (InvalidEntrypointException e)
            {
                // Lambda reports a missing or unusable entry point as the invocation's error, with START/END/REPORT.
                var failed = new InvocationResult.InvalidEntrypoint(invocation.RequestId, e.Message);
                Log(invocation, PlatformLog.Start(invocation.RequestId));
                Log(invocation, PlatformLog.End(invocation.RequestId));
                Log(invocation, PlatformLog.Report(invocation.RequestId, TimeSpan.Zero, Function.MemorySize, null, null, null));
                Reported(invocation, TimeSpan.Zero, null, null, failed: true, throttled: false);
                return failed;
            }
            Log(invocation, PlatformLog.Start(invocation.RequestId));
            var clock = Stopwatch.StartNew();
            var result = await instance.RunAsync(invocation);
            // A pre-warmed instance owes its first REPORT the Init Duration it spent before any invocation.
            var initDuration = cold || instance.InitReportPending ? instance.InitDuration : null;
            instance.InitReportPending = false;
            // Lambda's Duration excludes the init phase, which the cold instance spent before taking the invocation.
            var invokePhase = cold && initDuration is { } init ? TimeSpan.FromTicks(Math.Max(0, (clock.Elapsed - init).Ticks)) : clock.Elapsed;
            if (result is InvocationResult.InitTimeout)
            {
                // Lambda retries an init that overran its phase within the invocation, on a fresh instance, under the
                // function's Timeout: the invoke phase then holds that init too, and the REPORT has no Init Duration.
                Log(invocation, result.LogLine(DateTime.UtcNow)!);
                await ReapAsync(instance);
                instance = await StartAsync();
                clock.Restart();
                result = await instance.RunAsync(invocation, InitPhase.Invoke);
                if (result is InvocationResult.InitTimeout)
                {
                    Log(invocation, result.LogLine(DateTime.UtcNow)!);
                    result = new InvocationResult.Timeout(invocation.RequestId, Function.Timeout);
                }
                invokePhase = clock.Elapsed;
                initDuration = null;
            }
            if (result.LogLine(DateTime.UtcNow) is { } ending) Log(invocation, ending);
            Log(invocation, PlatformLog.End(invocation.RequestId));
            Log(invocation, PlatformLog.Report(invocation.RequestId, invokePhase, Function.MemorySize, instance.PeakMemoryMegabytes, initDuration, result.ReportStatus));
            Reported(invocation, invokePhase, initDuration, instance.PeakMemoryMegabytes, result.IsError, throttled: false);
            if (instance.IsReusable && !_retired)
            {
                _idle.Push(instance);
                // Retired while this invocation ran: the instance was not idle then, so it stops now.
                if (_retired) await StopIdleAsync();
            }
            else
            {
                await ReapAsync(instance);
            }
            return result;
        }
        finally
        {
            _slots.Exit();
        }
    }

    private Task? _warming;

    /// <summary>
    /// Starts one instance and waits until its runtime has finished init, so the first invocation is warm
    /// (--warm-containers EAGER). A function whose init fails is left to start on first use, as without warming.
    /// </summary>
    public Task WarmAsync() => _warming ??= WarmOneAsync();

    private async Task WarmOneAsync()
    {
        FunctionInstance instance;
        try
        {
            instance = await StartAsync();
        }
        catch (InvalidEntrypointException)
        {
            return; // Reported by the first invocation, as Lambda does.
        }
        await instance.InitializedOrExited.WaitAsync(LambdaLimits.InitTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
        if (instance.InitDuration is not null && instance.IsReusable && !_retired)
        {
            instance.InitReportPending = true;
            _idle.Push(instance);
            // Retired while it initialised: it was not idle then, so it stops now.
            if (_retired) await StopIdleAsync();
        }
        else
        {
            await ReapAsync(instance);
        }
    }

    /// <summary>
    /// No longer the pool new invocations go to: idle instances stop now; busy ones finish their invocation, then
    /// stop. Invocations already waiting for a slot of this pool still run here (on the code they were sent to).
    /// </summary>
    public Task RetireAsync()
    {
        _retired = true;
        return StopIdleAsync();
    }

    private async Task StopIdleAsync()
    {
        while (_idle.TryPop(out var idle)) await ReapAsync(idle);
    }

    /// <summary>The REPORT line's figures, as data: on the invocation (the console's summary) and into the metrics.</summary>
    private void Reported(Invocation invocation, TimeSpan duration, TimeSpan? initDuration, int? maxMemoryUsed, bool failed, bool throttled)
    {
        var report = new InvocationReport(Function.FunctionName, Version, invocation.RequestId, DateTime.UtcNow, duration,
            PlatformLog.BilledMilliseconds(duration), initDuration, Function.MemorySize, maxMemoryUsed, failed, throttled);
        invocation.Report = report;
        _metrics?.Record(report);
    }

    /// <summary>Instances running an invocation now.</summary>
    public int Busy => Math.Max(0, _all.Count - _idle.Count);

    /// <summary>A platform line: into the invocation's own log (X-Amz-Log-Result) and the console.</summary>
    private void Log(Invocation invocation, string line)
    {
        invocation.AppendLog(line);
        _logs.Write(Function.FunctionName, line);
    }

    private async ValueTask<(FunctionInstance Instance, bool Cold)> TakeOrStartAsync()
    {
        while (_idle.TryPop(out var idle))
        {
            if (idle.IsReusable) return (idle, false);
            _ = ReapAsync(idle); // it died while idle
        }
        return (await StartAsync(), true);
    }

    private async ValueTask<FunctionInstance> StartAsync()
    {
        if (!_dependencies.IsCompletedSuccessfully)
        {
            try
            {
                await _dependencies;
            }
            catch (Exception e)
            {
                throw new InvalidEntrypointException($"what the function needs did not start: {e.Message}");
            }
        }
        return Start();
    }

    private FunctionInstance Start()
    {
        var id = $"{Interlocked.Increment(ref _nextId):D4}{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..8]}";
        try
        {
            return _startInstance(this, id, Register);
        }
        catch
        {
            // Registered, then it could not run (or the emulator is stopping): nothing is left to find it.
            if (_all.TryRemove(id, out var registered)) _directory.Remove(registered);
            throw;
        }
    }

    private void Register(FunctionInstance instance)
    {
        _all[instance.Id] = instance;
        _directory.Add(instance);
    }

    private async Task ReapAsync(FunctionInstance instance)
    {
        if (!_all.TryRemove(instance.Id, out _)) return;
        await instance.DisposeAsync();
        _directory.Remove(instance);
    }

    public async ValueTask DisposeAsync()
    {
        _retired = true;
        await Task.WhenAll(_all.Values.Select(i => i.DisposeAsync().AsTask()));
        foreach (var instance in _all.Values) _directory.Remove(instance);
        _all.Clear();
        _idle.Clear();
    }
}
