using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Backend.Lambda.TestUtilities;

namespace Backend.Local.Tests;

/// <summary>Every route of template.yaml through the emulator, with HttpClient and with curl.</summary>
/// <remarks>Runs against the managed build (<see cref="RepositoryRoutesTestsManaged"/>) and the Native AOT one (<see cref="RepositoryRoutesTestsNative"/>).</remarks>
public abstract class RepositoryRoutesTests(ServerFixture fixture)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json(body) };
        var response = await fixture.Api.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Theory]
    [InlineData("/prod/calc")]
    [InlineData("/calc")]
    public async Task Post_calc_with_and_without_the_stage(string path)
    {
        var (status, body, response) = await SendAsync(HttpMethod.Post, path, """{"a": 1, "b": 2, "op": "+"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"a":1,"b":2,"op":"+","c":3}""", body);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
    }

    [Theory]
    [InlineData("/prod/calc?operand1=1&operand2=2&operator=%2B", """{"a":1,"b":2,"op":"+","c":3}""")]
    [InlineData("/calc?operand1=1&operand2=2&operator=+", """{"a":1,"b":2,"op":"+","c":3}""")]
    [InlineData("/prod/calc/1/2/%2F", """{"input":{"a":1,"b":2,"op":"/"},"output":{"c":0.5}}""")]
    [InlineData("/calc/6/3/*", """{"input":{"a":6,"b":3,"op":"*"},"output":{"c":18}}""")]
    public async Task Get_calc_routes(string path, string expected)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected, body);
    }

    [Theory]
    [InlineData("/prod/calc?operand1=1&operator=%2B", 400, "Missing required request parameters: [operand2]")]
    [InlineData("/prod/calc?operand1=&operand2=2&operator=%2B", 400, "Missing required request parameters: [operand1]")]
    [InlineData("/prod/calc/1/x/%2B", 400, "Invalid Operand: operand2 must be a finite number or a numeric string")]
    [InlineData("/prod/nothing", 403, "Missing Authentication Token")]
    [InlineData("/nothing-here", 404, "Not Found")]
    public async Task Gateway_and_function_errors_keep_their_statuses_and_messages(string path, int status, string message)
    {
        var (actual, body, _) = await SendAsync(HttpMethod.Get, path);

        Assert.Equal(status, (int)actual);
        Assert.Equal(message, JsonDocument.Parse(body).RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Answers_carry_the_headers_API_Gateway_adds()
    {
        var (_, _, calc) = await SendAsync(HttpMethod.Get, "/prod/calc?operand1=1&operand2=2&operator=%2B");
        var (_, _, noRoute) = await SendAsync(HttpMethod.Get, "/prod/nothing");
        var (_, _, index) = await SendAsync(HttpMethod.Get, "/index");
        var (_, _, notFound) = await SendAsync(HttpMethod.Get, "/nothing-here");

        Assert.Matches("^[A-Za-z0-9+/]{15}=$", Assert.Single(calc.Headers.GetValues("x-amz-apigw-id")));
        Assert.Matches("^Root=1-[0-9a-f]{8}-[0-9a-f]{24}(;Sampled=[01])?$", Assert.Single(calc.Headers.GetValues("X-Amzn-Trace-Id")));
        Assert.True(noRoute.Headers.Contains("x-amz-apigw-id") && noRoute.Headers.Contains("x-amzn-RequestId"));
        Assert.False(noRoute.Headers.Contains("X-Amzn-Trace-Id"));
        Assert.True(index.Headers.Contains("Apigw-Requestid"));
        Assert.True(notFound.Headers.Contains("Apigw-Requestid"));
    }

    [Theory]
    [InlineData("/prod/calc/")]
    [InlineData("/calc/")]
    public async Task A_trailing_slash_reaches_the_same_route(string path)
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, path, """{"a": 1, "b": 2, "op": "+"}""");

        Assert.Equal((HttpStatusCode.OK, """{"a":1,"b":2,"op":"+","c":3}"""), (status, body));
    }

    [Fact]
    public async Task The_body_is_validated_against_the_Input_model_before_Calc_runs()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Post, "/prod/calc", """{"a": "1", "b": 2, "op": "+"}""");
        var (wrongMethod, _, _) = await SendAsync(HttpMethod.Delete, "/prod/calc");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"message":"Invalid request body"}""", body);
        Assert.Equal(HttpStatusCode.Forbidden, wrongMethod);
    }

    [Fact]
    public async Task DynamoDBManager_creates_reads_and_lists_through_DynamoDB_Local()
    {
        var id = Guid.NewGuid().ToString("N");
        var (created, createBody, _) = await SendAsync(HttpMethod.Post, "/prod/DynamoDBManager", $$$$"""{"operation":"create","tableName":"lambda-apigateway","payload":{"Item":{"id":"{{{{id}}}}","name":"Bob"}}}""");
        var (read, readBody, _) = await SendAsync(HttpMethod.Post, "/DynamoDBManager", $$$$"""{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"{{{{id}}}}"}}}""");
        var (echo, echoBody, _) = await SendAsync(HttpMethod.Post, "/prod/DynamoDBManager", """{"operation":"echo","payload":{"somekey1":"somevalue1","somekey2":"somevalue2"}}""");
        var (other, otherBody, _) = await SendAsync(HttpMethod.Post, "/prod/DynamoDBManager", """{"operation":"read","tableName":"other","payload":{"Key":{"id":"1"}}}""");

        Assert.Equal((HttpStatusCode.OK, "{}"), (created, createBody));
        Assert.Equal(HttpStatusCode.OK, read);
        Assert.Equal("Bob", JsonDocument.Parse(readBody).RootElement.GetProperty("Item").GetProperty("name").GetString());
        Assert.Equal((HttpStatusCode.OK, """{"somekey1":"somevalue1","somekey2":"somevalue2"}"""), (echo, echoBody));
        Assert.Equal((HttpStatusCode.Forbidden, """{"message":"table 'other' is not served here"}"""), (other, otherBody));
    }

    [Fact]
    public async Task Get_index_gives_a_fresh_number_that_no_cache_keeps()
    {
        var numbers = new HashSet<long>();
        for (var i = 0; i < 20; i++)
        {
            var (status, body, response) = await SendAsync(HttpMethod.Get, "/index");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
            numbers.Add(JsonDocument.Parse(body).RootElement.GetProperty("number").GetInt64());
        }
        var (_, ranged, _) = await SendAsync(HttpMethod.Get, "/index?min=5&max=5&count=3");
        var (bad, badBody, _) = await SendAsync(HttpMethod.Get, "/index?count=0");

        Assert.True(numbers.Count > 1);
        Assert.Equal("""{"numbers":[5,5,5]}""", ranged);
        Assert.Equal((HttpStatusCode.BadRequest, """{"message":"count must be an integer from 1 to 1000"}"""), (bad, badBody));
    }

    [Fact]
    public async Task The_tutorials_curl_lines_work_with_only_the_host_changed()
    {
        var api = fixture.Server.ApiUrl!.ToString().TrimEnd('/');

        var create = await CurlAsync("-X", "POST", "-d", "{\"operation\":\"create\",\"tableName\":\"lambda-apigateway\",\"payload\":{\"Item\":{\"id\":\"1\",\"name\":\"Bob\"}}}", $"{api}/prod/DynamoDBManager");
        var echo = await CurlAsync("-X", "POST", "-d", "{\"operation\":\"echo\",\"payload\":{\"somekey1\":\"somevalue1\",\"somekey2\":\"somevalue2\"}}", $"{api}/prod/DynamoDBManager");
        var calc = await CurlAsync($"{api}/prod/calc?operand1=1&operand2=2&operator=%2B");
        var random = await CurlAsync($"{api}/index");

        Assert.Equal("{}", create);
        Assert.Equal("""{"somekey1":"somevalue1","somekey2":"somevalue2"}""", echo);
        Assert.Equal("""{"a":1,"b":2,"op":"+","c":3}""", calc);
        Assert.InRange(JsonDocument.Parse(random).RootElement.GetProperty("number").GetInt64(), 1, 100);
    }

    private static async Task<string> CurlAsync(params string[] args)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-sS");
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        return output;
    }
}

[Collection("repository server")]
public sealed class RepositoryRoutesTestsManaged(RepositoryServerFixture fixture) : RepositoryRoutesTests(fixture);

[Collection("native server")]
public sealed class RepositoryRoutesTestsNative(NativeServerFixture fixture) : RepositoryRoutesTests(fixture);
