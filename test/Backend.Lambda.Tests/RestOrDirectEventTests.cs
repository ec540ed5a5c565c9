using System.Text;
using System.Text.Json;
using Backend.Lambda.APIGatewayEvents;

namespace Backend.Lambda.Tests;

/// <summary>The one event adapter of the REST-or-direct functions: telling the events apart, reading bodies, writing answers.</summary>
public sealed class RestOrDirectEventTests
{
    private const string ProxyEvent = """
        {"resource":"/anything/{id}","path":"/anything/7","httpMethod":"PUT","pathParameters":{"id":"7"},
         "requestContext":{"stage":"prod"},"body":"{\"x\":1}","isBase64Encoded":false}
        """;

    private static RestOrDirectEvent? Parse(string json) => RestOrDirectEvent.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static APIGatewayProxyRequest Post(string? body, bool base64 = false) => new() { HttpMethod = "POST", Body = body, IsBase64Encoded = base64 };

    [Fact]
    public void A_REST_proxy_event_gives_its_request_whatever_its_route()
    {
        using var evt = Parse(ProxyEvent)!;

        Assert.NotNull(evt.ProxyRequest);
        Assert.Equal(("PUT", "/anything/{id}", "7"), (evt.ProxyRequest.HttpMethod, evt.ProxyRequest.Resource, evt.ProxyRequest.PathParameters!["id"]));
        Assert.Equal("""{"x":1}""", evt.ProxyRequest.Body);
    }

    [Theory]
    [InlineData("""{"a":1,"b":2,"op":"+"}""")]
    [InlineData("""{"httpMethod":"POST","body":"{}"}""")]
    [InlineData("""{"requestContext":{}}""")]
    [InlineData("""[1,2]""")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    public void Anything_without_both_httpMethod_and_requestContext_is_a_direct_event(string json)
    {
        using var evt = Parse(json)!;

        Assert.Null(evt.ProxyRequest);
        Assert.Equal(JsonDocument.Parse(json).RootElement.ValueKind, evt.Payload.ValueKind);
        Assert.Equal(json, evt.Payload.GetRawText());
    }

    [Theory]
    [InlineData("")]
    [InlineData("{oops")]
    [InlineData("NaN")]
    public void An_event_that_is_not_JSON_is_null_for_the_function_to_refuse_in_its_own_words(string payload) =>
        Assert.Null(Parse(payload));

    [Fact]
    public void A_proxy_event_with_members_of_the_wrong_type_is_not_taken_for_a_direct_one() =>
        Assert.ThrowsAny<JsonException>(() => Parse("""{"httpMethod":5,"requestContext":{}}"""));

    [Theory]
    [InlineData("""{"a":1}""", false)]
    [InlineData("eyJhIjoxfQ==", true)]
    public void A_text_or_base64_JSON_body_is_read(string body, bool base64)
    {
        using var read = JsonBody.Read(Post(body, base64));

        Assert.Null(read.Problem);
        Assert.Equal(1, read.Root.GetProperty("a").GetInt32());
    }

    public static TheoryData<string?, bool, BodyProblem, string> BadBodies => new()
    {
        { null, false, BodyProblem.Empty, "expected an object" },
        { "", true, BodyProblem.Empty, "expected an object" },
        { "{\"a\":", false, BodyProblem.NotJson, "the body is not valid JSON" },
        { Convert.ToBase64String("not json"u8), true, BodyProblem.NotJson, "the body is not valid JSON" },
        { "%%% not base64", true, BodyProblem.NotBase64, "the body is not valid JSON" },
        { Convert.ToBase64String([.. "{\"a\":\""u8, 0xC0, 0xAF, .. "\"}"u8]), true, BodyProblem.NotUtf8, "the body is not valid UTF-8" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void A_body_that_is_not_JSON_gives_a_typed_problem_and_the_callers_message(string? body, bool base64, BodyProblem problem, string message)
    {
        using var read = JsonBody.Read(Post(body, base64));

        Assert.Equal(problem, read.Problem);
        Assert.Equal(message, problem.Describe(whenEmpty: "expected an object"));
        Assert.Throws<InvalidOperationException>(() => read.Root);
    }

    [Fact]
    public async Task A_proxy_answer_is_written_as_API_Gateway_reads_it_without_null_members()
    {
        var output = RestOrDirectEvent.Answer(JsonResponses.RestMessage(400, "no é"));

        Assert.Equal("""{"statusCode":400,"headers":{"Content-Type":"application/json"},"body":"{\u0022message\u0022:\u0022no \u00E9\u0022}","isBase64Encoded":false}""",
            await new StreamReader(output).ReadToEndAsync());
    }

    [Fact]
    public void A_direct_answer_is_the_functions_JSON_as_UTF_8_and_its_buffer_is_shared_not_copied()
    {
        var output = (MemoryStream)RestOrDirectEvent.Answer("""{"c":"é"}""");

        Assert.True(output.TryGetBuffer(out var buffer));
        Assert.Equal("""{"c":"é"}"""u8.ToArray(), buffer.ToArray());
    }
}
