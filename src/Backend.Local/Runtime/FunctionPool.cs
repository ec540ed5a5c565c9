using System.Collections.Concurrent;
using System.Diagnostics;
using Backend.Template;

namespace Backend.Local.Runtime;

/// <summary>
/// The warm instances of one function. Instances start on first use and stay; each runs one
/// invocation at a time; concurrent invocations start more, up to the concurrency limit, beyond
/// which they wait for a free one. A dead or timed-out instance is reaped, and the next
/// invocation starts a new one. An init that overruns Lambda's 10 s init phase is retried, as Lambda
/// does, on a fresh instance within the invocation.
/// </summary>
public sealed class FunctionPool : IAsyncDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<FunctionInstance> _idle = new();
    private readonly ConcurrentDictionary<string, FunctionInstance> _all = new();
    private readonly Func<FunctionDefinition, string, FunctionInstance> _startInstance;
    private readonly LogSink _logs;
    private int _nextId;

    /// <param name="startInstance">Starts a process for (function, instance id).</param>
    public FunctionPool(FunctionDefinition function, int concurrencyLimit, Func<FunctionDefinition, string, FunctionInstance> startInstance, LogSink logs)
    {
        Function = function;
        ConcurrencyLimit = concurrencyLimit;
        _slots = new SemaphoreSlim(concurrencyLimit, concurrencyLimit);
        _startInstance = startInstance;
        _logs = logs;
    }

    public FunctionDefinition Function { get; }
    public int ConcurrencyLimit { get; }

    /// <summary>Live instances, idle or busy.</summary>
    public int InstanceCount => _all.Count;

    /// <summary>The process ids of the live instances (diagnostics, and tests that check nothing is left behind).</summary>
    public IReadOnlyList<int> ProcessIds => _all.Values.Select(i => i.ProcessId).ToList();

    /// <summary>The instance with this id, for the Runtime API.</summary>
    public FunctionInstance? Instance(string id) => _all.GetValueOrDefault(id);

    public async Task<InvocationResult> InvokeAsync(Invocation invocation, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            var (instance, cold) = TakeOrStart();
            Log(invocation, PlatformLog.Start(invocation.RequestId));
            var clock = Stopwatch.StartNew();
            var result = await instance.RunAsync(invocation);
            var initDuration = cold ? instance.InitDuration : null;
            // Lambda's Duration excludes the init phase, which the cold instance spent before taking the invocation.
            var invokePhase = initDuration is { } init ? TimeSpan.FromTicks(Math.Max(0, (clock.Elapsed - init).Ticks)) : clock.Elapsed;
            if (result is InvocationResult.InitTimeout)
            {
                // Lambda retries an init that overran its phase within the invocation, on a fresh instance, under the
                // function's Timeout: the invoke phase then holds that init too, and the REPORT has no Init Duration.
                Log(invocation, result.LogLine(DateTime.UtcNow)!);
                await ReapAsync(instance);
                instance = Start();
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
            if (instance.IsReusable) _idle.Push(instance);
            else await ReapAsync(instance);
            return result;
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>A platform line: into the invocation's own log (X-Amz-Log-Result) and the console.</summary>
    private void Log(Invocation invocation, string line)
    {
        invocation.AppendLog(line);
        _logs.Write(Function.FunctionName, line);
    }

    private (FunctionInstance Instance, bool Cold) TakeOrStart()
    {
        while (_idle.TryPop(out var idle))
        {
            if (idle.IsReusable) return (idle, false);
            _ = ReapAsync(idle); // it died while idle
        }
        return (Start(), true);
    }

    private FunctionInstance Start()
    {
        var id = $"{Interlocked.Increment(ref _nextId):D4}{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..8]}";
        var started = _startInstance(Function, id);
        _all[id] = started;
        return started;
    }

    private async Task ReapAsync(FunctionInstance instance)
    {
        if (_all.TryRemove(instance.Id, out _)) await instance.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_all.Values.Select(i => i.DisposeAsync().AsTask()));
        _all.Clear();
        _idle.Clear();
    }
}
