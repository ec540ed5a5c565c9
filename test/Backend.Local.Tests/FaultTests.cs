using System.Net;
using System.Text;
using System.Text.Json;

namespace Backend.Local.Tests;

/// <summary>Timeouts, crashes, failed inits, concurrency and malformed answers, with test/Backend.FaultyFunction.</summary>
[Collection("faulty server")]
public sealed class FaultTests(FaultyServerFixture fixture)
{
    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> ApiAsync(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, contentType) };
        var response = await fixture.Api.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private async Task<(string? FunctionError, JsonElement Payload, string Raw)> InvokeAsync(string function, string payload)
    {
        var response = await fixture.Lambda.PostAsync($"/2015-03-31/functions/{function}/invocations", new StringContent(payload));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        return (response.Headers.TryGetValues("X-Amz-Function-Error", out var error) ? error.Single() : null, JsonDocument.Parse(raw).RootElement, raw);
    }

    [Fact]
    public async Task A_handler_past_its_timeout_gets_AWSs_answer_and_a_fresh_instance()
    {
        var timedOut = await InvokeAsync("Faulty", """{"sleep":4000}""");
        var after = await InvokeAsync("Faulty", """{"hello":1}""");
        var (status, body, _) = await ApiAsync(HttpMethod.Post, "/test/rest/slow", """{"sleep":4000}""");

        Assert.Equal("Unhandled", timedOut.FunctionError);
        Assert.Equal("Sandbox.Timedout", timedOut.Payload.GetProperty("errorType").GetString());
        Assert.EndsWith("Error: Task timed out after 2.00 seconds", timedOut.Payload.GetProperty("errorMessage").GetString());
        Assert.Null(after.FunctionError);
        Assert.Equal("""{"hello":1}""", after.Raw);
        Assert.Equal((HttpStatusCode.BadGateway, """{"message":"Internal server error"}"""), (status, body));
        Assert.Contains("Task timed out after 2.00 seconds", fixture.Console.ToString());
        Assert.Contains("Status: timeout", fixture.Console.ToString());
    }

    [Fact]
    public async Task An_init_past_Lambdas_10_s_is_logged_as_an_init_timeout_retried_in_the_invoke_phase()
    {
        // SlowInit sleeps 12 s in init, over Lambda's 10 s init phase; its Timeout (1 s) then bounds the retried init.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/SlowInit/invocations") { Content = new StringContent("{}") };
        request.Headers.Add("X-Amz-Log-Type", "Tail");
        var response = await fixture.Lambda.SendAsync(request);
        var payload = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var log = Encoding.UTF8.GetString(Convert.FromBase64String(response.Headers.GetValues("X-Amz-Log-Result").Single())).Split('\n');

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Unhandled", response.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("Sandbox.Timedout", payload.GetProperty("errorType").GetString());
        Assert.EndsWith("Error: Task timed out after 1.00 seconds", payload.GetProperty("errorMessage").GetString());
        // Lambda's lines, in Lambda's order: the init phase's timeout, the retried init's, then the task's.
        var initPhase = Array.FindIndex(log, l => l.StartsWith("INIT_REPORT Init Duration: ", StringComparison.Ordinal) && l.EndsWith("\tPhase: init\tStatus: timeout", StringComparison.Ordinal));
        var invokePhase = Array.FindIndex(log, l => l.StartsWith("INIT_REPORT Init Duration: ", StringComparison.Ordinal) && l.EndsWith("\tPhase: invoke\tStatus: timeout", StringComparison.Ordinal));
        var taskTimedOut = Array.FindIndex(log, l => l.EndsWith("Task timed out after 1.00 seconds", StringComparison.Ordinal));
        Assert.True(initPhase >= 0 && initPhase < invokePhase && invokePhase < taskTimedOut, string.Join('\n', log));
        Assert.DoesNotContain(log[..initPhase], l => l.Contains("timed out", StringComparison.Ordinal));
        Assert.InRange(double.Parse(log[initPhase]["INIT_REPORT Init Duration: ".Length..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture), 10_000, 11_500);
        Assert.Single(log, l => l.StartsWith("REPORT RequestId: ", StringComparison.Ordinal) && l.EndsWith("\tStatus: timeout", StringComparison.Ordinal) && !l.Contains("Init Duration", StringComparison.Ordinal));
        Assert.Equal(0, fixture.Server.Functions.Find("SlowInit")!.InstanceCount);
    }

    [Fact]
    public async Task A_crashed_instance_fails_its_invocation_as_on_AWS_and_is_replaced()
    {
        var crashed = await InvokeAsync("Faulty", """{"crash":3}""");
        var next = await InvokeAsync("Faulty", """{"after":"crash"}""");
        var (status, body, _) = await ApiAsync(HttpMethod.Post, "/test/rest/crash", """{"crash":4}""");
        var (statusAfter, _, _) = await ApiAsync(HttpMethod.Get, "/test/rest/fine");

        Assert.Equal("Unhandled", crashed.FunctionError);
        Assert.Equal("Runtime.ExitError", crashed.Payload.GetProperty("errorType").GetString());
        Assert.EndsWith("Runtime exited with error: exit status 3", crashed.Payload.GetProperty("errorMessage").GetString());
        Assert.Equal("""{"after":"crash"}""", next.Raw);
        Assert.Equal((HttpStatusCode.BadGateway, """{"message":"Internal server error"}"""), (status, body));
        Assert.Equal(HttpStatusCode.OK, statusAfter);
    }

    [Fact]
    public async Task A_function_that_fails_init_gives_callers_a_clear_error_and_the_log_says_why()
    {
        var invoked = await InvokeAsync("FailingInit", "{}");
        var (status, body, _) = await ApiAsync(HttpMethod.Get, "/test/init-fails");

        Assert.Equal("Unhandled", invoked.FunctionError);
        Assert.Equal("InvalidOperationException", invoked.Payload.GetProperty("errorType").GetString());
        Assert.Equal("init failed on purpose", invoked.Payload.GetProperty("errorMessage").GetString());
        Assert.Equal((HttpStatusCode.BadGateway, """{"message":"Internal server error"}"""), (status, body));
        Assert.Contains("Init failed: InvalidOperationException: init failed on purpose", fixture.Console.ToString());
    }

    [Fact]
    public async Task A_handler_exception_is_a_function_error_with_its_type_and_message()
    {
        var thrown = await InvokeAsync("Faulty", """{"throw":"bad things"}""");
        var (status, _, _) = await ApiAsync(HttpMethod.Post, "/test/rest/throw", """{"throw":"bad things"}""");
        var (httpStatus, httpBody, _) = await ApiAsync(HttpMethod.Post, "/http/1", """{"throw":"bad things"}""");

        Assert.Equal(("Unhandled", "InvalidOperationException", "bad things"),
            (thrown.FunctionError, thrown.Payload.GetProperty("errorType").GetString(), thrown.Payload.GetProperty("errorMessage").GetString()));
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal((HttpStatusCode.InternalServerError, """{"message":"Internal Server Error"}"""), (httpStatus, httpBody));
    }

    [Fact]
    public async Task A_hundred_parallel_requests_all_succeed_within_the_reserved_concurrency()
    {
        var pool = fixture.Server.Functions.Find("Faulty")!;
        var requests = Enumerable.Range(0, 100).Select(i => ApiAsync(HttpMethod.Post, $"/test/rest/p{i}", $$"""{"n":{{i}}}""")).ToList();
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(100, responses.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("path").GetString()).Distinct().Count());
        Assert.Equal(2, pool.ConcurrencyLimit);
        Assert.InRange(pool.InstanceCount, 1, 2);
    }

    [Fact]
    public async Task Rest_events_arrive_faithfully_and_the_response_maps_back()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/rest/a/b%20c?x=1&x=2&y=z");
        request.Headers.Add("X-Trace", ["one", "two"]);
        var response = await fixture.Api.SendAsync(request);
        var e = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["one", "two"], response.Headers.GetValues("X-Multi"));
        Assert.Equal("/rest/{proxy+}", e.GetProperty("resource").GetString());
        Assert.Equal("a/b c", e.GetProperty("pathParameters").GetProperty("proxy").GetString());
        Assert.Equal("2", e.GetProperty("queryStringParameters").GetProperty("x").GetString());
        Assert.Equal(2, e.GetProperty("multiValueQueryStringParameters").GetProperty("x").GetArrayLength());
        Assert.Equal("test", e.GetProperty("requestContext").GetProperty("stage").GetString());
        Assert.Equal("/test/rest/a/b c", e.GetProperty("requestContext").GetProperty("path").GetString());
        Assert.Equal("127.0.0.1", e.GetProperty("requestContext").GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.True(e.GetProperty("requestContext").GetProperty("requestTimeEpoch").GetInt64() > 0);
        Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(), e.GetProperty("requestContext").GetProperty("requestId").GetString());

        var exact = JsonDocument.Parse((await ApiAsync(HttpMethod.Get, "/test/rest/exact")).Body).RootElement;
        Assert.Equal("/rest/exact", exact.GetProperty("resource").GetString());
    }

    [Fact]
    public async Task Http_api_events_are_payload_2_0_and_binary_bodies_base64()
    {
        var (status, body, _) = await ApiAsync(HttpMethod.Post, "/http/42?a=1&a=2", "\u0001\u0002", "application/octet-stream");
        var e = JsonDocument.Parse(body).RootElement;
        var (restStatus, restBody, _) = await ApiAsync(HttpMethod.Post, "/test/rest/bin", "\u0001\u0002", "application/octet-stream");
        var rest = JsonDocument.Parse(restBody).RootElement;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2.0", e.GetProperty("version").GetString());
        Assert.Equal("ANY /http/{id}", e.GetProperty("routeKey").GetString());
        Assert.Equal("42", e.GetProperty("pathParameters").GetProperty("id").GetString());
        Assert.Equal("1,2", e.GetProperty("queryStringParameters").GetProperty("a").GetString());
        Assert.Equal(("AQI=", true), (e.GetProperty("body").GetString(), e.GetProperty("isBase64Encoded").GetBoolean()));
        Assert.Equal(HttpStatusCode.OK, restStatus);
        Assert.Equal(("AQI=", true), (rest.GetProperty("body").GetString(), rest.GetProperty("isBase64Encoded").GetBoolean()));
    }

    [Fact]
    public async Task Malformed_and_oversized_answers_and_requests_get_the_gateways_errors()
    {
        var (malformed, malformedBody, _) = await ApiAsync(HttpMethod.Post, "/test/rest/raw", """{"raw":{"no":"statusCode"}}""");
        var (httpRaw, httpRawBody, _) = await ApiAsync(HttpMethod.Post, "/http/raw", """{"raw":{"no":"statusCode"}}""");
        var huge = await InvokeAsync("Faulty", """{"big":7000000}""");
        using var tooLong = new ByteArrayContent(new byte[10 * 1024 * 1024 + 1]);
        var tooLongResponse = await fixture.Api.PostAsync("/test/rest/big", tooLong);

        Assert.Equal((HttpStatusCode.BadGateway, """{"message":"Internal server error"}"""), (malformed, malformedBody));
        Assert.Equal((HttpStatusCode.OK, """{"no":"statusCode"}"""), (httpRaw, httpRawBody));
        Assert.Equal("Function.ResponseSizeTooLarge", huge.Payload.GetProperty("errorType").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLongResponse.StatusCode);
        Assert.Equal("""{"message":"Request Too Long"}""", await tooLongResponse.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Function_processes_get_Lambdas_environment_and_the_templates_variables()
    {
        async Task<string> Env(string name) => (await InvokeAsync("Faulty", $$"""{"env":"{{name}}"}""")).Payload.GetString()!;

        Assert.Equal("hello from us-east-1", await Env("GREETING"));
        Assert.Equal("Faulty", await Env("AWS_LAMBDA_FUNCTION_NAME"));
        Assert.Equal("128", await Env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        Assert.Equal("$LATEST", await Env("AWS_LAMBDA_FUNCTION_VERSION"));
        Assert.Equal("Backend.FaultyFunction", await Env("_HANDLER"));
        Assert.Equal("/aws/lambda/Faulty", await Env("AWS_LAMBDA_LOG_GROUP_NAME"));
        Assert.Equal("us-east-1", await Env("AWS_REGION"));
        Assert.StartsWith($"{fixture.Server.RuntimeApiAuthority}/Faulty/", await Env("AWS_LAMBDA_RUNTIME_API"));
        Assert.Contains("[$LATEST]", await Env("AWS_LAMBDA_LOG_STREAM_NAME"));
        Assert.Equal("local", await Env("AWS_ACCESS_KEY_ID"));
        Assert.StartsWith("Root=1-", await Env("_X_AMZN_TRACE_ID"));
        Assert.Equal("0x6000000", await Env("DOTNET_GCHeapHardLimit")); // 75% of 128 MB, as Lambda's cgroup gives .NET
    }
}
