using System.Collections.Concurrent;
using System.ComponentModel;
using Backend.Template;

namespace Backend.Local.Runtime;

/// <summary>What every function process needs from the host, whatever function it runs.</summary>
public sealed record FunctionHostOptions
{
    /// <summary>host:port of our Runtime API, which every instance gets with its own path prefix.</summary>
    public required string RuntimeApiAuthority { get; init; }

    /// <summary>AWS_ENDPOINT_URL_DYNAMODB for the functions, when DynamoDB Local runs.</summary>
    public string? DynamoDbEndpoint { get; init; }

    /// <summary>How many instances of one function may run at once unless its reserved concurrency says otherwise.</summary>
    public int ConcurrencyLimit { get; init; } = 4;

    public LogSink Logs { get; init; } = LogSink.Null;

    /// <summary>The invocations' reports, for the console's figures.</summary>
    public InvocationMetrics Metrics { get; init; } = new();

    /// <summary>--warm-containers EAGER: every function's $LATEST gets one initialised instance when deployed (at start, after a reload or a code update).</summary>
    public bool WarmContainers { get; init; }

    /// <summary>
    /// What an instance of the function waits for before it starts: DynamoDB Local while it is still starting, for
    /// a function that uses it; a function that does not (Calc) is served at once.
    /// </summary>
    public Func<FunctionDefinition, Task>? Dependencies { get; init; }
}

/// <summary>
/// The running side of the functions: one pool of instances per (function, version), each started from the code
/// folder of its <see cref="FunctionDefinition"/> (CodeUri). What exists and which version a name means is the
/// control plane's business; this only runs what it is given, and swaps a pool when given a new one.
/// </summary>
public sealed class FunctionHost(LocalValues local, FunctionHostOptions options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string Function, string Version), FunctionPool> _pools = new();
    private readonly ConcurrentDictionary<string, ConcurrencyLimit> _limits = new(StringComparer.Ordinal);
    // Retired pools are kept until their last busy instance has stopped, so that disposing stops those too.
    private readonly ConcurrentDictionary<FunctionPool, byte> _retired = new();
    private readonly Lock _swap = new();

    public LocalValues Local => local;

    public InstanceDirectory Instances { get; } = new();

    /// <summary>Where the functions' logs go (and the emulator's lines that must not interleave with them).</summary>
    public LogSink Logs => options.Logs;

    /// <summary>The invocations' reports, for the console's figures.</summary>
    public InvocationMetrics Metrics => options.Metrics;

    /// <summary>The pools new invocations go to.</summary>
    public IEnumerable<FunctionPool> Pools => _pools.Values;

    /// <summary>The $LATEST pool of a function, by name.</summary>
    public FunctionPool? Find(string functionName) => Pool(functionName, "$LATEST");

    public FunctionPool? Pool(string functionName, string version) => _pools.GetValueOrDefault((functionName, version));

    public string FunctionArn(FunctionDefinition function) => local.FunctionArn(function.FunctionName);

    /// <summary>
    /// Runs this version of the function from now on: new invocations go to a new pool; the pool it replaces (if
    /// any) is retired, so its busy instances finish on the code they started with.
    /// </summary>
    public FunctionPool Deploy(FunctionDefinition function, string version)
    {
        var limit = _limits.GetOrAdd(function.FunctionName, _ => new ConcurrencyLimit(options.ConcurrencyLimit));
        var pool = new FunctionPool(function, version, limit, StartInstance, Instances, options.Logs, options.Metrics, options.Dependencies?.Invoke(function));
        FunctionPool? replaced;
        lock (_swap)
        {
            _pools.TryGetValue((function.FunctionName, version), out replaced);
            _pools[(function.FunctionName, version)] = pool;
        }
        if (replaced is not null) Retire(replaced);
        if (_warming && version == "$LATEST") _ = pool.WarmAsync();
        return pool;
    }

    /// <summary>
    /// Completes when the function's $LATEST has its pre-warmed instance ready (at once without --warm-containers
    /// EAGER): a reload waits for it, so that the first request after it is warm.
    /// </summary>
    public Task WarmedAsync(string functionName) =>
        _warming && Pool(functionName, "$LATEST") is { } pool ? pool.WarmAsync() : Task.CompletedTask;

    // Set once the Runtime API listens (an instance started before would find nobody to talk to).
    private volatile bool _warming;

    /// <summary>
    /// With --warm-containers EAGER, once the Runtime API listens: warms every function's $LATEST now, and each
    /// deployed from now on. Completes when all are initialised.
    /// </summary>
    public Task StartWarmingAsync()
    {
        if (!options.WarmContainers) return Task.CompletedTask;
        _warming = true;
        return Task.WhenAll(_pools.Keys.Where(k => k.Version == "$LATEST").Select(k => WarmedAsync(k.Function)));
    }

    /// <summary>Stops running a version (or, with null, every version) of the function; busy instances finish first.</summary>
    public void Remove(string functionName, string? version = null)
    {
        lock (_swap)
        {
            foreach (var key in _pools.Keys.Where(k => k.Function == functionName && (version is null || k.Version == version)).ToList())
            {
                if (_pools.TryRemove(key, out var pool)) Retire(pool);
            }
            if (version is null) _limits.TryRemove(functionName, out _);
        }
    }

    /// <summary>
    /// Whether any instance may still run code from this folder: a pool new invocations go to, or a retired one with
    /// an instance or an invocation left. A folder nobody uses can be deleted.
    /// </summary>
    public bool IsInUse(string codeDirectory)
    {
        lock (_swap)
        {
            return _pools.Values.Concat(_retired.Keys.Where(p => p.InstanceCount > 0 || p.InFlight > 0))
                .Any(p => string.Equals(Path.GetFullPath(p.Function.CodeUri), Path.GetFullPath(codeDirectory), StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The function's concurrency limit: its reserved concurrency when set (0 throttles every invocation), else the
    /// host's per-function default.
    /// </summary>
    public void SetReservedConcurrency(string functionName, int? reserved) =>
        _limits.GetOrAdd(functionName, _ => new ConcurrencyLimit(options.ConcurrencyLimit)).Limit = reserved ?? options.ConcurrencyLimit;

    private void Retire(FunctionPool pool)
    {
        // Forgotten only when nothing can start an instance in it any more: none live, no invocation waiting or running.
        foreach (var done in _retired.Keys.Where(p => p.InstanceCount == 0 && p.InFlight == 0)) _retired.TryRemove(done, out _);
        _retired[pool] = 0;
        _ = pool.RetireAsync();
    }

    private FunctionInstance StartInstance(FunctionPool pool, string instanceId, Action<FunctionInstance> register)
    {
        // Stopping: a request that arrived meanwhile (a deploy, an invoke) must not leave a process nobody stops.
        if (_disposed) throw new InvalidEntrypointException("the emulator is stopping");
        var function = pool.Function;
        var start = InstanceCommand.For(function);
        start.Environment.Clear();
        foreach (var (name, value) in InstanceEnvironment.For(function, pool.Version, instanceId, options, local)) start.Environment[name] = value;
        try
        {
            var instance = FunctionInstance.Start(function, FunctionArn(function), start, instanceId, options.Logs, register);
            if (!_disposed) return instance;
            instance.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new InvalidEntrypointException("the emulator is stopping");
        }
        catch (Win32Exception e)
        {
            // The file is there but the kernel will not run it (a bootstrap for another architecture, a bad #! line).
            throw new InvalidEntrypointException($"fork/exec {start.FileName}: {e.Message}");
        }
    }

    private volatile bool _disposed;

    public async ValueTask DisposeAsync()
    {
        List<FunctionPool> pools;
        lock (_swap)
        {
            _disposed = true;
            pools = [.. _pools.Values, .. _retired.Keys];
            _pools.Clear();
        }
        await Task.WhenAll(pools.Select(p => p.DisposeAsync().AsTask()));
    }
}
