using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.Core;
using Backend.Lambda.RuntimeSupport;
using Backend.Lambda.Serialization;

namespace Backend.Lambda.Tests;

public sealed record Greeting(string Name);

[JsonSerializable(typeof(Greeting))]
public sealed partial class GreetingJsonContext : JsonSerializerContext;

public sealed class SerializationTests
{
    [Fact]
    public async Task A_typed_handler_gets_its_event_through_the_source_generated_serializer()
    {
        await using var harness = await RuntimeHarness.StartAsync(TypedEcho());

        var outcome = await harness.Api.InvokeAsync("""{"Name":"Zoë"}""").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(outcome.IsError);
        Assert.Equal("Hello Zoë", JsonSerializer.Deserialize(outcome.Body, GreetingJsonContext.Default.Greeting)!.Name);
    }

    [Fact]
    public async Task A_payload_the_typed_handler_cannot_read_is_a_function_error()
    {
        await using var harness = await RuntimeHarness.StartAsync(TypedEcho());

        var outcome = await harness.Api.InvokeAsync("{not json").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(outcome.IsError);
        Assert.Equal("JsonSerializerException", outcome.ErrorType);
    }

    [Theory]
    [InlineData("""{"queryStringParameters":{"count":5}}""", "the value at $.queryStringParameters.count is not of the expected type")]
    [InlineData("[1]", "it is not a JSON object of the expected shape")]
    public void A_wrongly_typed_event_is_described_in_JSON_terms_without_NET_type_names(string json, string expected)
    {
        var serializer = new SourceGeneratorLambdaJsonSerializer<ApiGatewayJsonContext>(ApiGatewayJsonContext.Default);

        var error = Assert.Throws<JsonSerializerException>(() => serializer.Deserialize<APIGatewayHttpApiV2ProxyRequest>(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Equal("Error converting the Lambda event JSON payload: " + expected, error.Message);
        Assert.DoesNotContain("System.", error.Message);
    }

    [Fact]
    public void A_type_missing_from_the_context_is_named_in_the_error()
    {
        var serializer = new SourceGeneratorLambdaJsonSerializer<GreetingJsonContext>(GreetingJsonContext.Default);
        var error = Assert.Throws<InvalidOperationException>(() => serializer.Deserialize<APIGatewayProxyRequest>(new MemoryStream("{}"u8.ToArray())));
        Assert.Contains("APIGatewayProxyRequest", error.Message);
    }

    [Fact]
    public void Rest_events_read_and_write_in_api_gateway_camel_case()
    {
        const string json = """
            {"resource":"/calc","path":"/calc","httpMethod":"GET","headers":{"Accept":"*/*"},
             "multiValueHeaders":{"Accept":["*/*"]},"queryStringParameters":{"operand1":"1"},
             "multiValueQueryStringParameters":{"operand1":["1"]},"pathParameters":null,
             "requestContext":{"stage":"prod","requestId":"r1","identity":{"sourceIp":"127.0.0.1"},"requestTimeEpoch":1700000000000,
               "authorizer":{"claims":{"sub":"x"}}},
             "body":null,"isBase64Encoded":false}
            """;
        var request = JsonSerializer.Deserialize(json, ApiGatewayJsonContext.Default.APIGatewayProxyRequest)!;

        Assert.Equal("GET", request.HttpMethod);
        Assert.Equal("1", request.QueryStringParameters!["operand1"]);
        Assert.Equal(["1"], request.MultiValueQueryStringParameters!["operand1"]);
        Assert.Equal("127.0.0.1", request.RequestContext!.Identity!.SourceIp);
        Assert.Equal(1700000000000, request.RequestContext.RequestTimeEpoch);
        Assert.Equal("x", request.RequestContext.Authorizer!["claims"].GetProperty("sub").GetString());

        var response = JsonSerializer.Serialize(JsonResponses.RestMessage(400, "bad"), ApiGatewayJsonContext.Default.APIGatewayProxyResponse);
        Assert.Equal("""{"statusCode":400,"headers":{"Content-Type":"application/json"},"body":"{\u0022message\u0022:\u0022bad\u0022}","isBase64Encoded":false}""", response);
    }

    [Fact]
    public void Http_api_events_read_in_payload_2_0_shape()
    {
        const string json = """
            {"version":"2.0","routeKey":"GET /index","rawPath":"/index","rawQueryString":"min=1&max=6",
             "cookies":["a=1"],"headers":{"accept":"*/*"},"queryStringParameters":{"min":"1","max":"6"},
             "requestContext":{"apiId":"api","http":{"method":"GET","path":"/index","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"curl"},
               "requestId":"r2","routeKey":"GET /index","stage":"$default","timeEpoch":1700000000000},
             "isBase64Encoded":false}
            """;
        var request = JsonSerializer.Deserialize(json, ApiGatewayJsonContext.Default.APIGatewayHttpApiV2ProxyRequest)!;

        Assert.Equal("GET /index", request.RouteKey);
        Assert.Equal("GET", request.RequestContext!.Http!.Method);
        Assert.Equal("$default", request.RequestContext.Stage);
        Assert.Equal(["a=1"], request.Cookies!);
        Assert.Equal("6", request.QueryStringParameters!["max"]);
    }

    [Fact]
    public void Message_bodies_escape_what_json_requires_and_keep_the_rest_readable()
    {
        Assert.Equal("""{"message":"a \"quoted\" + é\n"}""".Replace("\n", "\\n", StringComparison.Ordinal), JsonResponses.MessageBody("a \"quoted\" + é\n"));
        var response = JsonResponses.HttpApi(200, "{}", new Dictionary<string, string> { ["Cache-Control"] = "no-store" });
        Assert.Equal("application/json", response.Headers!["content-type"]);
        Assert.Equal("no-store", response.Headers["Cache-Control"]);
    }

    private static LambdaBootstrapHandler TypedEcho()
    {
        var serializer = new SourceGeneratorLambdaJsonSerializer<GreetingJsonContext>(GreetingJsonContext.Default);
        Func<Greeting, ILambdaContext, Task<Greeting>> typed = (g, _) => Task.FromResult(new Greeting("Hello " + g.Name));
        return LambdaBootstrapBuilder.CreateHandler(typed, serializer);
    }
}
