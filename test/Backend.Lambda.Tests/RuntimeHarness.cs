using Backend.Lambda.Logging;
using Backend.Lambda.RuntimeSupport;
using Backend.Lambda.TestUtilities;

namespace Backend.Lambda.Tests;

/// <summary>A LambdaBootstrap running in-process against a FakeRuntimeApi, with a private environment.</summary>
internal sealed class RuntimeHarness : IAsyncDisposable
{
    public required FakeRuntimeApi Api { get; init; }
    public required Dictionary<string, string?> Environment { get; init; }
    public required StringWriter Log { get; init; }
    public required Task<int> Run { get; init; }

    public static async Task<RuntimeHarness> StartAsync(
        LambdaBootstrapHandler handler, Func<Task<bool>>? init = null, string pathPrefix = "",
        Dictionary<string, string?>? extraEnvironment = null)
    {
        var api = await FakeRuntimeApi.StartAsync(pathPrefix);
        var environment = new Dictionary<string, string?>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = api.Address,
            ["AWS_LAMBDA_FUNCTION_NAME"] = "Echo",
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512",
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/Echo",
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = "2026/11/21/[$LATEST]abc",
        };
        foreach (var (k, v) in extraEnvironment ?? []) environment[k] = v;
        var lambdaEnvironment = new LambdaEnvironment(k => environment.GetValueOrDefault(k), (k, v) => { lock (environment) environment[k] = v; });
        var log = new StringWriter();
        var logger = LambdaConsoleLogger.FromSettings(TextWriter.Synchronized(log), lambdaEnvironment.LogFormat, lambdaEnvironment.LogLevel);
        var bootstrap = new LambdaBootstrap(handler, init, lambdaEnvironment, logger);
        var run = Task.Run(async () =>
        {
            using (bootstrap) return await bootstrap.RunAsync();
        });
        return new RuntimeHarness { Api = api, Environment = environment, Log = log, Run = run };
    }

    /// <summary>Waits for the loop to end, failing the test rather than hanging it.</summary>
    public async Task<int> ExitCodeAsync() => await Run.WaitAsync(TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        Api.ShutDown();
        try { await Run.WaitAsync(TimeSpan.FromSeconds(10)); } catch (TimeoutException) { }
        await Api.DisposeAsync();
    }
}
