using Backend.Lambda.Core;
using Backend.Lambda.Logging;

namespace Backend.Lambda.RuntimeSupport;

/// <summary>A handler over the raw payload: bytes in, bytes out.</summary>
public delegate Task<Stream> LambdaBootstrapHandler(Stream input, ILambdaContext context);

/// <summary>
/// The runtime loop: init once, then take an invocation from /next, run the handler, post its answer,
/// forever. Exit codes: 0 when the platform says stop (/next answers 500), 1 on an init failure or a
/// Runtime API we cannot go on with.
/// </summary>
public sealed class LambdaBootstrap : IDisposable
{
    private readonly LambdaBootstrapHandler _handler;
    private readonly Func<Task<bool>>? _init;
    private readonly LambdaEnvironment _environment;
    private readonly LambdaConsoleLogger _logger;
    private readonly TimeProvider _clock;
    private readonly RuntimeApiClient _client;

    public LambdaBootstrap(
        LambdaBootstrapHandler handler,
        Func<Task<bool>>? init = null,
        LambdaEnvironment? environment = null,
        LambdaConsoleLogger? logger = null,
        TimeProvider? clock = null)
    {
        _handler = handler;
        _init = init;
        _environment = environment ?? LambdaEnvironment.FromProcess();
        _logger = logger ?? LambdaConsoleLogger.FromSettings(Console.Out, _environment.LogFormat, _environment.LogLevel);
        _clock = clock ?? TimeProvider.System;
        var runtimeApi = _environment.RuntimeApi;
        if (string.IsNullOrWhiteSpace(runtimeApi))
            throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set: this executable runs under AWS Lambda or a Runtime API emulator (see README).");
        _client = new RuntimeApiClient(runtimeApi);
    }

    public ILambdaLogger Logger => _logger;

    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!await InitializeAsync(cancellationToken).ConfigureAwait(false)) return 1;
        while (!cancellationToken.IsCancellationRequested)
        {
            InvocationRequest invocation;
            try
            {
                invocation = await _client.GetNextInvocationAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RuntimeApiShutdownException)
            {
                return 0;
            }
            catch (Exception e) when (e is RuntimeApiException or HttpRequestException)
            {
                _logger.Log(LogLevel.Critical, $"Runtime API failure, exiting: {e.Message}");
                return 1;
            }
            await InvokeOnceAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        return 0;
    }

    private async Task<bool> InitializeAsync(CancellationToken cancellationToken)
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
        _logger.Log(LogLevel.Critical, $"Init failed: {error.ErrorType}: {error.ErrorMessage}");
        try
        {
            await _client.ReportInitErrorAsync(error, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RuntimeApiException or HttpRequestException)
        {
            _logger.Log(LogLevel.Critical, $"Could not report the init failure: {e.Message}");
        }
        return false;
    }

    private async Task InvokeOnceAsync(InvocationRequest invocation, CancellationToken cancellationToken)
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
                _logger.Log(LogLevel.Error, $"{error.ErrorType}: {error.ErrorMessage}\n{string.Join("\n", error.StackTrace)}");
                await _client.ReportInvocationErrorAsync(invocation.RequestId, error, cancellationToken).ConfigureAwait(false);
                return;
            }
            await using (output.ConfigureAwait(false))
            {
                await _client.SendResponseAsync(invocation.RequestId, output, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is RuntimeApiException or HttpRequestException)
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

    public void Dispose() => _client.Dispose();
}

/// <summary>The function's initializer returned false.</summary>
public sealed class LambdaInitException(string message) : Exception(message);
