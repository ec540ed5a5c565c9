using System.Text;
using System.Text.Json;
using Backend.Lambda.Core;
using Backend.Lambda.RuntimeSupport;
using Backend.Lambda.TestUtilities;

namespace Backend.Lambda.Tests;

public sealed class LambdaBootstrapTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static Task<Stream> Echo(Stream input, ILambdaContext context)
    {
        var copy = new MemoryStream();
        input.CopyTo(copy);
        copy.Position = 0;
        return Task.FromResult<Stream>(copy);
    }

    [Fact]
    public async Task Happy_path_posts_the_handler_result_and_keeps_polling()
    {
        await using var harness = await RuntimeHarness.StartAsync(Echo);

        var first = await harness.Api.InvokeAsync("""{"hello":"world"}""").WaitAsync(Wait);
        var second = await harness.Api.InvokeAsync("[1,2,3]").WaitAsync(Wait);

        Assert.False(first.IsError);
        Assert.Equal("""{"hello":"world"}""", first.BodyText);
        Assert.Equal("[1,2,3]", second.BodyText);
        Assert.False(harness.Run.IsCompleted);
    }

    [Fact]
    public async Task Context_comes_from_the_headers_and_the_environment()
    {
        ILambdaContext? seen = null;
        string? traceVariable = null;
        RuntimeHarness? harnessRef = null;
        await using var harness = await RuntimeHarness.StartAsync((input, context) =>
        {
            seen = context;
            traceVariable = harnessRef!.Environment["_X_AMZN_TRACE_ID"];
            return Task.FromResult<Stream>(new MemoryStream("null"u8.ToArray()));
        });
        harnessRef = harness;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20).ToUnixTimeMilliseconds();
        var invocation = new FakeInvocation("{}"u8.ToArray(), new Dictionary<string, string>
        {
            ["Lambda-Runtime-Aws-Request-Id"] = "req-1",
            ["Lambda-Runtime-Deadline-Ms"] = deadline.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:eu-west-1:111122223333:function:Echo",
            ["Lambda-Runtime-Trace-Id"] = "Root=1-abc;Parent=def;Sampled=1",
            ["Lambda-Runtime-Client-Context"] = """{"client":{"installation_id":"inst-1","app_title":"App"},"custom":{"k":"v"},"env":{"platform":"Android"}}""",
            ["Lambda-Runtime-Cognito-Identity"] = """{"cognitoIdentityId":"id-1","cognitoIdentityPoolId":"pool-1"}""",
        }) { RequestId = "req-1" };

        await harness.Api.InvokeAsync(invocation).WaitAsync(Wait);

        Assert.NotNull(seen);
        Assert.Equal("req-1", seen.AwsRequestId);
        Assert.Equal("arn:aws:lambda:eu-west-1:111122223333:function:Echo", seen.InvokedFunctionArn);
        Assert.Equal("Root=1-abc;Parent=def;Sampled=1", seen.TraceId);
        Assert.Equal("Root=1-abc;Parent=def;Sampled=1", traceVariable);
        Assert.InRange(seen.RemainingTime, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));
        Assert.Equal("Echo", seen.FunctionName);
        Assert.Equal("$LATEST", seen.FunctionVersion);
        Assert.Equal(512, seen.MemoryLimitInMB);
        Assert.Equal("/aws/lambda/Echo", seen.LogGroupName);
        Assert.Equal("2026/11/21/[$LATEST]abc", seen.LogStreamName);
        Assert.Equal("inst-1", seen.ClientContext?.Client?.InstallationId);
        Assert.Equal("App", seen.ClientContext?.Client?.AppTitle);
        Assert.Equal("v", seen.ClientContext?.Custom["k"]);
        Assert.Equal("Android", seen.ClientContext?.Environment["platform"]);
        Assert.Equal("id-1", seen.Identity?.IdentityId);
        Assert.Equal("pool-1", seen.Identity?.IdentityPoolId);
    }

    [Fact]
    public async Task A_malformed_client_context_header_does_not_fail_the_invocation()
    {
        await using var harness = await RuntimeHarness.StartAsync((_, context) =>
            Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(context.ClientContext is null ? "\"none\"" : "\"some\""))));
        var outcome = await harness.Api.InvokeAsync(new FakeInvocation("{}"u8.ToArray(), new Dictionary<string, string>
        {
            ["Lambda-Runtime-Aws-Request-Id"] = "req-bad-ctx",
            ["Lambda-Runtime-Client-Context"] = "{not json",
        }) { RequestId = "req-bad-ctx" }).WaitAsync(Wait);

        Assert.False(outcome.IsError);
        Assert.Equal("\"none\"", outcome.BodyText);
    }

    [Fact]
    public async Task A_handler_exception_is_reported_to_error_and_the_loop_goes_on()
    {
        var calls = 0;
        await using var harness = await RuntimeHarness.StartAsync((input, context) =>
        {
            if (Interlocked.Increment(ref calls) == 1) throw new InvalidOperationException("boom: ünïcødé");
            return Echo(input, context);
        });

        var failed = await harness.Api.InvokeAsync("{}").WaitAsync(Wait);
        var next = await harness.Api.InvokeAsync("\"ok\"").WaitAsync(Wait);

        Assert.True(failed.IsError);
        Assert.Equal("InvalidOperationException", failed.ErrorType);
        Assert.Equal("application/vnd.aws.lambda.error+json", failed.ContentType);
        using var body = JsonDocument.Parse(failed.Body);
        Assert.Equal("boom: ünïcødé", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", body.RootElement.GetProperty("errorType").GetString());
        // The frames are for the log; callers see an empty stackTrace (a direct invoke returns this payload).
        Assert.Empty(body.RootElement.GetProperty("stackTrace").EnumerateArray());
        Assert.Contains("   at ", harness.Log.ToString());
        Assert.False(next.IsError);
        Assert.Equal("\"ok\"", next.BodyText);
        Assert.Contains("boom: ünïcødé", harness.Log.ToString());
    }

    [Fact]
    public async Task An_init_exception_is_reported_to_init_error_and_the_process_exits_non_zero()
    {
        await using var harness = await RuntimeHarness.StartAsync(Echo, init: () => throw new FileNotFoundException("missing settings"));

        var initError = await harness.Api.InitError.WaitAsync(Wait);

        Assert.Equal(1, await harness.ExitCodeAsync());
        Assert.Equal("FileNotFoundException", initError.ErrorType);
        using var body = JsonDocument.Parse(initError.Body);
        Assert.Equal("missing settings", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal(0, harness.Api.NextCalls);
    }

    [Fact]
    public async Task An_initializer_returning_false_is_an_init_failure()
    {
        await using var harness = await RuntimeHarness.StartAsync(Echo, init: () => Task.FromResult(false));

        var initError = await harness.Api.InitError.WaitAsync(Wait);

        Assert.Equal(1, await harness.ExitCodeAsync());
        Assert.Equal("LambdaInitException", initError.ErrorType);
    }

    [Fact]
    public async Task A_successful_initializer_runs_once_before_the_first_invocation()
    {
        var inits = 0;
        await using var harness = await RuntimeHarness.StartAsync(Echo, init: () => { inits++; return Task.FromResult(true); });

        await harness.Api.InvokeAsync("1").WaitAsync(Wait);
        await harness.Api.InvokeAsync("2").WaitAsync(Wait);

        Assert.Equal(1, inits);
    }

    [Fact]
    public async Task An_invocation_without_a_request_id_stops_the_runtime_with_a_clear_log()
    {
        await using var harness = await RuntimeHarness.StartAsync(Echo);

        _ = harness.Api.InvokeAsync(new FakeInvocation("{}"u8.ToArray(), new Dictionary<string, string>
        {
            ["Lambda-Runtime-Deadline-Ms"] = "1",
        }));

        Assert.Equal(1, await harness.ExitCodeAsync());
        Assert.Contains("without Lambda-Runtime-Aws-Request-Id", harness.Log.ToString());
    }

    [Fact]
    public async Task Next_answering_500_ends_the_loop_with_exit_code_0()
    {
        await using var harness = await RuntimeHarness.StartAsync(Echo);
        await harness.Api.InvokeAsync("{}").WaitAsync(Wait);

        harness.Api.ShutDown();

        Assert.Equal(0, await harness.ExitCodeAsync());
    }

    [Fact]
    public async Task A_runtime_api_that_refuses_connections_ends_the_loop_with_exit_code_1()
    {
        // Port 9 (discard) is closed on loopback here: the connection is refused at once.
        var environment = new LambdaEnvironment(k => k == "AWS_LAMBDA_RUNTIME_API" ? "127.0.0.1:9" : null, (_, _) => { });
        var log = new StringWriter();
        using var bootstrap = new LambdaBootstrap(Echo, environment: environment,
            logger: new Logging.LambdaConsoleLogger(log, Logging.LambdaLogFormat.Text, LogLevel.Information));

        Assert.Equal(1, await bootstrap.RunAsync().WaitAsync(Wait));
        Assert.Contains("Runtime API failure", log.ToString());
    }

    [Fact]
    public async Task A_6_MB_unicode_payload_arrives_and_returns_byte_for_byte()
    {
        await using var harness = await RuntimeHarness.StartAsync(Echo);
        const string segment = "héllo wörld ✓ 𝄞 日本語 ";
        var repeats = 6_000_000 / Encoding.UTF8.GetByteCount(segment);
        var text = new StringBuilder("\"").Insert(1, segment, repeats).Append('"');
        var payload = Encoding.UTF8.GetBytes(text.ToString());
        Assert.InRange(payload.Length, 5_500_000, 6 * 1024 * 1024);

        var outcome = await harness.Api.InvokeAsync(new FakeInvocation(payload)).WaitAsync(Wait);

        Assert.False(outcome.IsError);
        Assert.Equal(payload, outcome.Body);
    }

    [Theory]
    [InlineData("Calc")]
    [InlineData("/deep/prefix/")]
    public async Task A_path_prefixed_runtime_api_address_is_used_as_given(string prefix)
    {
        await using var harness = await RuntimeHarness.StartAsync(Echo, pathPrefix: prefix);
        Assert.Contains("/", harness.Environment["AWS_LAMBDA_RUNTIME_API"]);

        var outcome = await harness.Api.InvokeAsync("\"prefixed\"").WaitAsync(Wait);

        Assert.Equal("\"prefixed\"", outcome.BodyText);
    }

    [Fact]
    public async Task Request_ids_with_reserved_characters_are_escaped_in_the_response_url()
    {
        await using var harness = await RuntimeHarness.StartAsync(Echo);
        var outcome = await harness.Api.InvokeAsync(new FakeInvocation("1"u8.ToArray(), new Dictionary<string, string>
        {
            ["Lambda-Runtime-Aws-Request-Id"] = "a/b?c",
        }) { RequestId = "a/b?c" }).WaitAsync(Wait);

        Assert.Equal("1", outcome.BodyText);
    }

    [Fact]
    public void Without_AWS_LAMBDA_RUNTIME_API_the_bootstrap_says_what_is_missing()
    {
        var environment = new LambdaEnvironment(_ => null, (_, _) => { });
        var error = Assert.Throws<InvalidOperationException>(() => new LambdaBootstrap((i, c) => Task.FromResult(i), environment: environment));
        Assert.Contains("AWS_LAMBDA_RUNTIME_API", error.Message);
    }
}
