using System.Net.Sockets;
using Backend.Lambda.Core;
using Backend.Lambda.Logging;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>
/// The runtime loop: init once, then take an invocation from /next, run the handler, post its answer,
/// forever. Exit codes: 0 when the platform says stop (/next answers 500), 1 on an init failure or a
/// Runtime API we cannot go on with. It talks to the Runtime API only through <see cref="IRuntimeApiClient"/>.
/// </summary>
public sealed class LambdaBootstrap : IDisposable
{
    private readonly LambdaBootstrapHandler _handler;
    private readonly Func<Task<bool>>? _init;
    private readonly LambdaEnvironment _environment;
    private readonly LambdaConsoleLogger _logger;
    private readonly TimeProvider _clock;
    private readonly IRuntimeApiClient _client;

    public LambdaBootstrap(
        LambdaBootstrapHandler handler,
        Func<Task<bool>>? init = null,
        LambdaEnvironment? environment = null,
        LambdaConsoleLogger? logger = null,
        TimeProvider? clock = null)
        : this(handler, init, environment, logger, clock, client: null)
    {
    }

    /// <param name="client">The Runtime API to talk to; null connects to AWS_LAMBDA_RUNTIME_API. Tests pass an in-memory one.</param>
    internal LambdaBootstrap(
        LambdaBootstrapHandler handler,
        Func<Task<bool>>? init,
        LambdaEnvironment? environment,
        LambdaConsoleLogger? logger,
        TimeProvider? clock,
        IRuntimeApiClient? client)
    {
        _handler = handler;
        _init = init;
        _environment = environment ?? LambdaEnvironment.FromProcess();
        _logger = logger ?? LambdaConsoleLogger.FromSettings(Console.Out, _environment.LogFormat, _environment.LogLevel);
        _clock = clock ?? TimeProvider.System;
        _client = client ?? Connect(_environment.RuntimeApi);
    }

    private static RuntimeApiClient Connect(string? runtimeApi) => string.IsNullOrWhiteSpace(runtimeApi)
        ? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set: this executable runs under AWS Lambda or a Runtime API emulator (see README).")
        : new RuntimeApiClient(runtimeApi);

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!await InitializeAsync().ConfigureAwait(false)) return 1;
        while (!cancellationToken.IsCancellationRequested)
        {
            InvocationRequest invocation;
            try
            {
                invocation = _client.GetNextInvocation();
            }
            catch (RuntimeApiShutdownException)
            {
                return 0;
            }
            catch (Exception e) when (e is RuntimeApiException or SocketException or IOException)
            {
                _logger.Log(LogLevel.Critical, $"Runtime API failure, exiting: {e.Message}");
                return 1;
            }
            await InvokeOnceAsync(invocation).ConfigureAwait(false);
        }
        return 0;
    }

    private async Task<bool> InitializeAsync()
    {
        if (_init is null) return true;
        Exception failure;
        try
        {
            if (await _init().ConfigureAwait(false)) return true;
            failure = new LambdaInitException("the function's initializer reported failure");
        }
        catch (Exception e)
        {
            failure = e;
        }
        var error = LambdaError.From(failure);
        _logger.Log(LogLevel.Critical, $"Init failed: {LambdaError.Describe(failure)}");
        try
        {
            _client.ReportInitError(error);
        }
        catch (Exception e) when (e is RuntimeApiException or SocketException or IOException)
        {
            _logger.Log(LogLevel.Critical, $"Could not report the init failure: {e.Message}");
        }
        return false;
    }

    private async Task InvokeOnceAsync(InvocationRequest invocation)
    {
        _environment.SetTraceId(invocation.TraceId);
        _logger.CurrentRequestId = invocation.RequestId;
        var context = new LambdaContext(invocation, _environment, _logger, _clock);
        try
        {
            Stream output;
            try
            {
                output = await _handler(new MemoryStream(invocation.Payload, writable: false), context).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                var error = LambdaError.From(e);
                _logger.Log(LogLevel.Error, LambdaError.Describe(e));
                _client.ReportInvocationError(invocation.RequestId, error);
                return;
            }
            await using (output.ConfigureAwait(false))
            {
                // Our handlers return a MemoryStream, taken without a copy and without an async call: an async method
                // returning ArraySegment<byte> is generic framework code that ReadyToRun leaves to the JIT at cold start.
                _client.SendResponse(invocation.RequestId, output is MemoryStream memory && memory.TryGetBuffer(out var buffer)
                    ? buffer[(int)memory.Position..]
                    : await ReadAllAsync(output).ConfigureAwait(false));
            }
        }
        catch (Exception e) when (e is RuntimeApiException or SocketException or IOException)
        {
            // The platform refused the answer (for example a response over its size limit); the
            // invocation is lost either way, the process is not: log and take the next one.
            _logger.Log(LogLevel.Error, $"Could not deliver the result of {invocation.RequestId}: {e.Message}");
        }
        finally
        {
            _logger.CurrentRequestId = null;
        }
    }

    /// <summary>The output of a handler that returned some other stream, copied.</summary>
    private static async Task<byte[]> ReadAllAsync(Stream output)
    {
        var copy = new MemoryStream();
        await output.CopyToAsync(copy).ConfigureAwait(false);
        return copy.ToArray();
    }

    public void Dispose() => _client.Dispose();
}
