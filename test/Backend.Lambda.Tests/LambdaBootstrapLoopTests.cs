using System.Text;
using Backend.Lambda.Core;
using Backend.Lambda.Logging;
using Backend.Lambda.RuntimeSupport;

namespace Backend.Lambda.Tests;

/// <summary>The runtime loop driven through its client seam: no socket, no Runtime API process.</summary>
public sealed class LambdaBootstrapLoopTests
{
    private readonly StringWriter _log = new();

    private LambdaBootstrap Bootstrap(InMemoryRuntimeApiClient client, LambdaBootstrapHandler handler, Func<Task<bool>>? init = null) =>
        new(handler, init, new LambdaEnvironment(_ => null, (_, _) => { }),
            new LambdaConsoleLogger(_log, LambdaLogFormat.Text, LogLevel.Information), clock: null, client);

    private static Task<Stream> Echo(Stream input, ILambdaContext context) => Task.FromResult(input);

    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    [Fact]
    public async Task Each_invocation_is_answered_in_order_until_the_platform_says_stop_then_exit_0()
    {
        var client = new InMemoryRuntimeApiClient().Invocation("r1", "1").Invocation("r2", "\"two\"");
        using var bootstrap = Bootstrap(client, Echo);

        Assert.Equal(0, await bootstrap.RunAsync());
        Assert.Equal([("r1", "1"), ("r2", "\"two\"")], client.Responses.Select(r => (r.RequestId, Text(r.Output))));
        Assert.Equal(3, client.NextCalls);
    }

    [Fact]
    public async Task An_init_failure_is_reported_once_and_exits_1_without_polling()
    {
        var client = new InMemoryRuntimeApiClient().Invocation("r1", "1");
        using var bootstrap = Bootstrap(client, Echo, init: () => throw new FileNotFoundException("missing settings"));

        Assert.Equal(1, await bootstrap.RunAsync());
        var error = Assert.Single(client.InitErrors);
        Assert.Equal(("FileNotFoundException", "missing settings"), (error.ErrorType, error.ErrorMessage));
        Assert.Equal(0, client.NextCalls);
        Assert.Contains("Init failed: FileNotFoundException: missing settings", _log.ToString());
    }

    [Fact]
    public async Task A_handler_exception_is_reported_for_its_invocation_and_the_loop_takes_the_next()
    {
        var client = new InMemoryRuntimeApiClient().Invocation("bad", "1").Invocation("good", "2");
        using var bootstrap = Bootstrap(client, (input, context) =>
            context.AwsRequestId == "bad" ? throw new InvalidOperationException("boom") : Echo(input, context));

        Assert.Equal(0, await bootstrap.RunAsync());
        var (requestId, error) = Assert.Single(client.InvocationErrors);
        Assert.Equal(("bad", "InvalidOperationException", "boom"), (requestId, error.ErrorType, error.ErrorMessage));
        Assert.Empty(error.StackTrace);
        Assert.Equal("good", Assert.Single(client.Responses).RequestId);
    }

    [Fact]
    public async Task An_answer_the_platform_refuses_is_logged_and_the_loop_goes_on()
    {
        var client = new InMemoryRuntimeApiClient().Invocation("too-big", "1").Invocation("next", "2");
        var delivered = new List<string>();
        client.OnResponse = (id, _) =>
        {
            if (id == "too-big") throw new RuntimeApiException("the Runtime API answered POST with 413");
            delivered.Add(id);
        };
        using var bootstrap = Bootstrap(client, Echo);

        Assert.Equal(0, await bootstrap.RunAsync());
        Assert.Equal(["next"], delivered);
        Assert.Contains("Could not deliver the result of too-big", _log.ToString());
    }

    [Fact]
    public async Task A_Runtime_API_failure_on_next_exits_1_with_a_log_line()
    {
        var client = new InMemoryRuntimeApiClient().Invocation("r1", "1").Failure(new IOException("connection reset"));
        using var bootstrap = Bootstrap(client, Echo);

        Assert.Equal(1, await bootstrap.RunAsync());
        Assert.Single(client.Responses);
        Assert.Contains("Runtime API failure, exiting: connection reset", _log.ToString());
    }

    [Fact]
    public async Task Shutdown_before_any_invocation_exits_0_and_the_bootstrap_disposes_its_client()
    {
        var client = new InMemoryRuntimeApiClient();
        var bootstrap = Bootstrap(client, Echo);

        Assert.Equal(0, await bootstrap.RunAsync());
        bootstrap.Dispose();
        Assert.True(client.Disposed);
    }
}
