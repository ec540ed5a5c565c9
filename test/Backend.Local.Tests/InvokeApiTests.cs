using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Backend.Local.Tests;

/// <summary>The Lambda Invoke API, driven with the AWS CLI (v1, on this machine) and with HttpClient.</summary>
/// <remarks>Runs against the managed build (<see cref="InvokeApiTestsManaged"/>) and the Native AOT one (<see cref="InvokeApiTestsNative"/>).</remarks>
public abstract class InvokeApiTests(ServerFixture fixture)
{
    private async Task<(int ExitCode, string Output, string Error)> AwsAsync(params string[] args)
    {
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var arg in new[] { "--endpoint-url", fixture.Server.LambdaUrl!.ToString(), "--no-sign-request", "--region", "us-east-1", "--output", "json" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static string Temp() => Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".json");

    [Fact]
    public async Task Aws_lambda_invoke_runs_the_function_and_writes_its_result()
    {
        var outFile = Temp();
        var (exit, output, error) = await AwsAsync("lambda", "invoke", "--function-name", "CalcFunction", "--payload", """{"a":1,"b":2,"op":"+"}""", outFile);

        Assert.True(exit == 0, error);
        using var meta = JsonDocument.Parse(output);
        Assert.Equal(200, meta.RootElement.GetProperty("StatusCode").GetInt32());
        Assert.Equal("$LATEST", meta.RootElement.GetProperty("ExecutedVersion").GetString());
        Assert.Equal("""{"a":1,"b":2,"op":"+","c":3}""", await File.ReadAllTextAsync(outFile));
        File.Delete(outFile);
    }

    [Fact]
    public async Task A_function_error_is_status_200_with_FunctionError_and_the_error_payload()
    {
        var outFile = Temp();
        var (exit, output, error) = await AwsAsync("lambda", "invoke", "--function-name", "CalcFunction", "--payload", """{"a":1,"op":"+"}""", "--log-type", "Tail", outFile);

        Assert.True(exit == 0, error);
        using var meta = JsonDocument.Parse(output);
        Assert.Equal("Unhandled", meta.RootElement.GetProperty("FunctionError").GetString());
        var log = Encoding.UTF8.GetString(Convert.FromBase64String(meta.RootElement.GetProperty("LogResult").GetString()!));
        Assert.Contains("REPORT RequestId:", log);
        Assert.Contains("Invalid Input: missing b", log);
        using var payload = JsonDocument.Parse(await File.ReadAllTextAsync(outFile));
        Assert.Equal("400 Invalid Input", payload.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("CalcInputException", payload.RootElement.GetProperty("errorType").GetString());
        File.Delete(outFile);
    }

    [Theory]
    [InlineData("Event", 202)]
    [InlineData("DryRun", 204)]
    public async Task Event_and_DryRun_invocations_answer_at_once(string type, int status)
    {
        var outFile = Temp();
        var (exit, output, error) = await AwsAsync("lambda", "invoke", "--function-name", "RandomNumberFunction", "--invocation-type", type, "--payload", "{}", outFile);

        Assert.True(exit == 0, error);
        Assert.Equal(status, JsonDocument.Parse(output).RootElement.GetProperty("StatusCode").GetInt32());
        File.Delete(outFile);
    }

    [Fact]
    public async Task An_unknown_function_is_ResourceNotFoundException()
    {
        var (exit, _, error) = await AwsAsync("lambda", "invoke", "--function-name", "NoSuchFunction", "--payload", "{}", Temp());

        Assert.NotEqual(0, exit);
        Assert.Contains("ResourceNotFoundException", error);
        Assert.Contains("Function not found: arn:aws:lambda:us-east-1:123456789012:function:NoSuchFunction", error);
    }

    [Fact]
    public async Task List_get_function_and_get_configuration_come_from_the_template()
    {
        var (listExit, list, listError) = await AwsAsync("lambda", "list-functions");
        var (getExit, get, getError) = await AwsAsync("lambda", "get-function", "--function-name", "DynamoDbManagerFunction");
        var (configExit, config, configError) = await AwsAsync("lambda", "get-function-configuration", "--function-name", "arn:aws:lambda:us-east-1:123456789012:function:CalcFunction");

        Assert.True(listExit == 0 && getExit == 0 && configExit == 0, listError + getError + configError);
        var names = JsonDocument.Parse(list).RootElement.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString()).Order();
        Assert.Equal(fixture.Template.Model.Functions.Select(f => f.FunctionName).Order(), names);
        Assert.Contains("CalcFunction", names);
        var manager = JsonDocument.Parse(get).RootElement.GetProperty("Configuration");
        Assert.Equal("lambda-apigateway", manager.GetProperty("Environment").GetProperty("Variables").GetProperty("TABLE_NAME").GetString());
        Assert.Equal(15, manager.GetProperty("Timeout").GetInt32());
        var calc = JsonDocument.Parse(config).RootElement;
        // The runtime the template's Packaging chose: dotnet10 (managed) or provided.al2023 (Native AOT).
        var runtime = fixture.Template.Model.Function("CalcFunction").Runtime;
        Assert.Equal((runtime, "Backend.Calc", 256), (calc.GetProperty("Runtime").GetString(), calc.GetProperty("Handler").GetString(), calc.GetProperty("MemorySize").GetInt32()));
        Assert.Equal("Active", calc.GetProperty("TracingConfig").GetProperty("Mode").GetString());
    }

    [Fact]
    public async Task Payload_limits_and_bad_json_get_Lambdas_errors()
    {
        var tooBig = new ByteArrayContent(new byte[6 * 1024 * 1024 + 1]);
        var big = await fixture.Lambda.PostAsync("/2015-03-31/functions/CalcFunction/invocations", tooBig);
        using var eventRequest = new HttpRequestMessage(HttpMethod.Post, "/2015-03-31/functions/CalcFunction/invocations") { Content = new ByteArrayContent(new byte[1024 * 1024 + 1]) };
        eventRequest.Headers.Add("X-Amz-Invocation-Type", "Event");
        var bigEvent = await fixture.Lambda.SendAsync(eventRequest);
        var notJson = await fixture.Lambda.PostAsync("/2015-03-31/functions/CalcFunction/invocations", new StringContent("{oops"));
        var qualifier = await fixture.Lambda.PostAsync("/2015-03-31/functions/CalcFunction/invocations?Qualifier=2", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal("RequestTooLargeException", big.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bigEvent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("InvalidRequestContentException", notJson.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(HttpStatusCode.NotFound, qualifier.StatusCode);
        Assert.Contains("function:CalcFunction:2", await qualifier.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("GET", "/2015-03-31/functions/", 200, null)]
    [InlineData("GET", "/2015-03-31/functions", 200, null)]
    [InlineData("GET", "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3ACalcFunction/configuration", 200, null)]
    [InlineData("GET", "/2015-03-31/functions/CalcFunction%3A%24LATEST", 200, null)]
    [InlineData("GET", "/2015-03-31/functions/CalcFunction?Qualifier=%24LATEST", 200, null)]
    [InlineData("GET", "/2015-03-31/functions/CalcFunction?Qualifier=live", 404, "ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:123456789012:function:CalcFunction:live")]
    [InlineData("GET", "/2015-03-31/functions/a%2Fb/configuration", 400, "ValidationException: 1 validation error detected: Value 'a/b' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?")]
    [InlineData("POST", "/2015-03-31/functions/a/b/invocations", 404, "UnknownOperationException: Unknown operation POST /2015-03-31/functions/a/b/invocations")]
    [InlineData("DELETE", "/2015-03-31/functions/NoSuchFunction", 404, "ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:123456789012:function:NoSuchFunction")]
    [InlineData("PATCH", "/2015-03-31/functions/CalcFunction", 404, "UnknownOperationException: Unknown operation PATCH /2015-03-31/functions/CalcFunction")]
    [InlineData("GET", "/2015-03-31/functions/CalcFunction/invocations", 404, "UnknownOperationException: Unknown operation GET /2015-03-31/functions/CalcFunction/invocations")]
    [InlineData("GET", "/2015-03-31/functionsCalcFunction", 404, "UnknownOperationException: Unknown operation GET /2015-03-31/functionsCalcFunction")]
    [InlineData("GET", "/", 404, "UnknownOperationException: Unknown operation GET /")]
    public async Task Each_declared_operation_answers_and_anything_else_is_an_unknown_operation(string method, string path, int status, string? error)
    {
        using var response = await fixture.Lambda.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        if (error is null) return;
        var type = response.Headers.GetValues("x-amzn-ErrorType").Single();
        // AWS spells the member "Message" in some errors and "message" in others.
        var root = JsonDocument.Parse(body).RootElement;
        var message = root.TryGetProperty("Message", out var capital) ? capital : root.GetProperty("message");
        Assert.Equal(error, $"{type}: {message.GetString()}");
    }

    [Theory]
    [InlineData("GET", "/CalcFunction/0000nope/2018-06-01/runtime/invocation/next")]
    [InlineData("GET", "/NoSuchFunction/0001/2018-06-01/runtime/invocation/next")]
    [InlineData("GET", "/2018-06-01/runtime/invocation/next")]
    [InlineData("POST", "/CalcFunction/0000nope/2018-06-01/runtime/invocation/r1/response")]
    [InlineData("POST", "/CalcFunction/0000nope/2018-06-01/runtime/init/error")]
    [InlineData("PUT", "/CalcFunction/0000nope/2018-06-01/runtime/invocation/next")]
    public async Task The_Runtime_API_answers_404_to_anything_but_a_live_instance(string method, string path)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://{fixture.Server.RuntimeApiAuthority}") };
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

[Collection("repository server")]
public sealed class InvokeApiTestsManaged(RepositoryServerFixture fixture) : InvokeApiTests(fixture);

[Collection("native server")]
public sealed class InvokeApiTestsNative(NativeServerFixture fixture) : InvokeApiTests(fixture);
