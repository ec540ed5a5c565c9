using static Backend.Local.Tests.MappedReplies;
using System.Text;
using System.Text.Json.Nodes;
using Backend.Local.Gateway;
using Backend.Local.Http;
using Backend.Local.Runtime;
using Backend.Template;

namespace Backend.Local.Tests;

public sealed class ResponseMappingTests
{
    [Fact]
    public void A_rest_proxy_response_maps_status_headers_multi_value_headers_and_body()
    {
        var r = Rest("""{"statusCode":201,"headers":{"X-One":"1","Content-Type":"text/plain"},"multiValueHeaders":{"Set-Cookie":["a=1","b=2"]},"body":"héllo"}""");

        Assert.Equal(201, r.StatusCode);
        Assert.Equal(["1"], Header(r, "X-One"));
        Assert.Equal(["a=1", "b=2"], Header(r, "Set-Cookie"));
        Assert.Equal(["text/plain"], Header(r, "Content-Type"));
        Assert.Equal("héllo", Body(r));
    }

    [Fact]
    public void Base64_bodies_are_decoded_and_a_missing_content_type_is_json()
    {
        var r = Rest("""{"statusCode":200,"body":"AQID","isBase64Encoded":true}""");

        Assert.Equal(new byte[] { 1, 2, 3 }, r.Body);
        Assert.Equal(["application/json"], Header(r, "Content-Type"));
    }

    [Theory]
    [InlineData("""{"statusCode":"abc"}""")]
    [InlineData("""{"statusCode":99}""")]
    [InlineData("""{"statusCode":200,"body":{"not":"a string"}}""")]
    [InlineData("""{"statusCode":200,"headers":{"X":{"nested":1}}}""")]
    [InlineData("""{"statusCode":200,"body":"!!","isBase64Encoded":true}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""not json""")]
    public void A_malformed_rest_proxy_response_is_API_Gateways_502(string json)
    {
        var r = Rest(json);

        Assert.Equal(502, r.StatusCode);
        Assert.Equal("""{"message":"Internal server error"}""", Body(r));
        Assert.Equal(["InternalServerErrorException"], Header(r, "x-amzn-ErrorType"));
    }

    [Theory]
    [InlineData("""{"number":5}""", """{"number":5}""")]
    [InlineData("""{"body":"ignored","headers":{"X":"1"}}""", """{"body":"ignored","headers":{"X":"1"}}""")]
    [InlineData("""[1,2]""", """[1,2]""")]
    [InlineData("7", "7")]
    [InlineData("\"Hello from Lambda!\"", "Hello from Lambda!")]
    public void An_http_api_answer_without_statusCode_is_a_200_with_that_output_as_body(string json, string body)
    {
        var r = HttpApi(json);

        Assert.Equal(200, r.StatusCode);
        Assert.Equal(body, Body(r));
        Assert.Equal(["application/json"], Header(r, "Content-Type"));
    }

    [Fact]
    public void Http_api_cookies_become_set_cookie_headers()
    {
        var r = HttpApi("""{"statusCode":200,"cookies":["a=1; Path=/","b=2"],"body":"ok","headers":{"Content-Type":"text/plain"}}""");

        Assert.Equal(["a=1; Path=/", "b=2"], Header(r, "Set-Cookie"));
        Assert.Equal("ok", Body(r));
    }

    [Fact]
    public void A_rest_api_remaps_the_integration_headers_it_owns()
    {
        var r = Rest("""{"statusCode":200,"headers":{"Connection":"close","Date":"d","server":"fn","X-Ok":"1"},"multiValueHeaders":{"Content-Length":["2"]},"body":"hi"}""");

        Assert.Equal(["close"], Header(r, "x-amzn-Remapped-Connection"));
        Assert.Equal(["2"], Header(r, "x-amzn-Remapped-Content-Length"));
        Assert.Equal(["d"], Header(r, "x-amzn-Remapped-Date"));
        Assert.Equal(["fn"], Header(r, "x-amzn-Remapped-Server"));
        Assert.Equal(["1"], Header(r, "X-Ok"));
        Assert.Empty(Header(r, "Connection").Concat(Header(r, "Date")).Concat(Header(r, "Server")).Concat(Header(r, "Content-Length")));
    }

    [Fact]
    public void An_http_api_passes_those_headers_as_they_are()
    {
        var r = HttpApi("""{"statusCode":200,"headers":{"Server":"fn"},"body":"hi"}""");

        Assert.Equal(["fn"], Header(r, "Server"));
        Assert.Empty(Header(r, "x-amzn-Remapped-Server"));
    }

    [Fact]
    public void A_rest_answer_names_its_ids_and_on_success_the_functions_trace()
    {
        var ok = new GatewayAnswer(Rest("""{"statusCode":200}"""), ApiKind.Rest, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0")
            .WithGatewayHeaders("req-1", "KtF82HGdliAFjxw=");
        var failed = new GatewayAnswer(GatewayErrors.RestNoRoute(), ApiKind.Rest).WithGatewayHeaders("req-2", "LV7fzho-PHcEJPw=");

        Assert.Equal(["req-1"], Header(ok, "x-amzn-RequestId"));
        Assert.Equal(["KtF82HGdliAFjxw="], Header(ok, "x-amz-apigw-id"));
        Assert.Equal(["Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0"], Header(ok, "X-Amzn-Trace-Id"));
        Assert.Empty(Header(ok, "Apigw-Requestid"));
        Assert.Equal(["LV7fzho-PHcEJPw="], Header(failed, "x-amz-apigw-id"));
        Assert.Equal(["MissingAuthenticationTokenException"], Header(failed, "x-amzn-ErrorType"));
        Assert.Empty(Header(failed, "X-Amzn-Trace-Id"));
    }

    [Fact]
    public void An_http_api_answer_names_its_request_id_whatever_it_is()
    {
        var ok = new GatewayAnswer(HttpApi("""{"statusCode":200}"""), ApiKind.Http, "Root=1-5759e988-bd862e3fe1be46a994272793").WithGatewayHeaders("id-1", "unused");
        var notFound = new GatewayAnswer(GatewayErrors.HttpNoRoute(), ApiKind.Http).WithGatewayHeaders("id-2", "unused");

        Assert.Equal(["id-1"], Header(ok, "Apigw-Requestid"));
        Assert.Equal(["id-2"], Header(notFound, "Apigw-Requestid"));
        Assert.Empty(Header(ok, "x-amz-apigw-id").Concat(Header(ok, "X-Amzn-Trace-Id")).Concat(Header(ok, "x-amzn-RequestId")));
    }

    [Fact]
    public void API_Gateways_own_errors_have_their_exact_statuses_and_bodies()
    {
        Assert.Equal((403, """{"message":"Missing Authentication Token"}"""), (GatewayErrors.RestNoRoute().StatusCode, Body(GatewayErrors.RestNoRoute())));
        Assert.Equal((404, """{"message":"Not Found"}"""), (GatewayErrors.HttpNoRoute().StatusCode, Body(GatewayErrors.HttpNoRoute())));
        Assert.Equal((400, """{"message":"Missing required request parameters: [operand1, operator]"}"""),
            (GatewayErrors.MissingParameters(["operand1", "operator"]).StatusCode, Body(GatewayErrors.MissingParameters(["operand1", "operator"]))));
        Assert.Equal((400, """{"message":"Invalid request body"}"""), (GatewayErrors.InvalidBody().StatusCode, Body(GatewayErrors.InvalidBody())));
        Assert.Equal((500, """{"message":"Internal Server Error"}"""), (GatewayErrors.HttpIntegrationFailure().StatusCode, Body(GatewayErrors.HttpIntegrationFailure())));
        Assert.Equal((504, """{"message":"Endpoint request timed out"}"""), (GatewayErrors.RestTimeout().StatusCode, Body(GatewayErrors.RestTimeout())));
        Assert.Equal((413, """{"message":"Request Too Long"}"""), (GatewayErrors.TooLarge().StatusCode, Body(GatewayErrors.TooLarge())));
    }

    [Fact]
    public void Platform_errors_have_Lambdas_shape()
    {
        Assert.Equal("""{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: r1 Error: Task timed out after 3.00 seconds"}""",
            Encoding.UTF8.GetString(new InvocationResult.Timeout("r1", 3).Payload));
        Assert.Equal("""{"errorType":"Runtime.ExitError","errorMessage":"RequestId: r2 Error: Runtime exited with error: exit status 3"}""",
            Encoding.UTF8.GetString(new InvocationResult.RuntimeExit("r2", 3).Payload));
    }

    [Fact]
    public void The_REPORT_line_is_Lambdas()
    {
        var line = PlatformLog.Report("r1", TimeSpan.FromMilliseconds(1.234), 256, 45, TimeSpan.FromMilliseconds(110.5), status: null);

        Assert.Equal("REPORT RequestId: r1\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 256 MB\tMax Memory Used: 45 MB\tInit Duration: 110.50 ms", line);
    }
}

public sealed class RequestValidationTests
{
    private static readonly JsonNode Input = JsonNode.Parse("""{"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"},"op":{"type":"string"}}}""")!;
    private static readonly JsonNode Strict = JsonNode.Parse("""
        {"type":"object","required":["name"],"additionalProperties":false,
         "properties":{"name":{"type":"string","minLength":2,"maxLength":5,"pattern":"^[a-z]+$"},
                       "age":{"type":"integer","minimum":0,"maximum":150},
                       "tags":{"type":"array","items":{"type":"string"},"maxItems":2},
                       "kind":{"enum":["a","b"]},
                       "input":{"$ref":"#/definitions/input"}}}
        """)!;
    private static readonly ApiDefinition Api = new("RestApi", ApiKind.Rest, "prod", new Dictionary<string, JsonNode> { ["Input"] = Input, ["Strict"] = Strict }, []);

    private static HttpReply? Check(RequestValidation validation, string query, string body) =>
        RequestValidator.Check(new RouteDefinition("F", "E", Api, "POST", "/calc", validation),
            new GatewayRequest("POST", "/calc", query, [], Encoding.UTF8.GetBytes(body), "127.0.0.1") { RequestId = "r1" });

    [Theory]
    [InlineData("operand1=1&operand2=2&operator=%2B", null)]
    [InlineData("operand1=1&operand2=2&operator=+", null)]
    [InlineData("operand1=1&operator=%2B", "Missing required request parameters: [operand2]")]
    [InlineData("operand1=&operand2=2", "Missing required request parameters: [operand1, operator]")]
    [InlineData("", "Missing required request parameters: [operand1, operand2, operator]")]
    public void Required_query_parameters_are_checked_in_order(string query, string? message)
    {
        var response = Check(new RequestValidation(["operand1", "operand2", "operator"], [], null, false, true), query, "");

        Assert.Equal(message, response is null ? null : JsonNode.Parse(response.Body)!["message"]!.GetValue<string>());
    }

    [Fact]
    public void Invalid_UTF_8_is_validated_as_the_text_the_function_gets()
    {
        var request = new GatewayRequest("POST", "/calc", "", [], [.. "{\"a\":1,\"b\":2,\"op\":\""u8, 0xFF, .. "\"}"u8], "127.0.0.1") { RequestId = "r1" };

        var response = RequestValidator.Check(new RouteDefinition("F", "E", Api, "POST", "/calc", new RequestValidation([], [], "Input", true, false)), request);

        Assert.Null(response);
    }

    [Theory]
    [InlineData("Input", """{"a":1,"b":2,"op":"+"}""", true)]
    [InlineData("Input", """{"a":1}""", true)]
    [InlineData("Input", """{"a":"1","b":2,"op":"+"}""", false)]
    [InlineData("Input", """[1]""", false)]
    [InlineData("Input", """not json""", false)]
    [InlineData("Input", "", false)]
    [InlineData("Strict", """{"name":"bob","age":30,"tags":["x"],"kind":"a","input":{"a":1}}""", true)]
    [InlineData("Strict", """{"age":30}""", false)]
    [InlineData("Strict", """{"name":"b"}""", false)]
    [InlineData("Strict", """{"name":"Bobby1"}""", false)]
    [InlineData("Strict", """{"name":"bob","age":1.5}""", false)]
    [InlineData("Strict", """{"name":"bob","age":151}""", false)]
    [InlineData("Strict", """{"name":"bob","tags":["a","b","c"]}""", false)]
    [InlineData("Strict", """{"name":"bob","kind":"c"}""", false)]
    [InlineData("Strict", """{"name":"bob","extra":1}""", false)]
    [InlineData("Strict", """{"name":"bob","input":{"a":"x"}}""", false)]
    public void Bodies_are_checked_against_the_model(string model, string body, bool valid)
    {
        var response = Check(new RequestValidation([], [], model, true, false), "", body);

        Assert.Equal(valid, response is null);
        if (!valid) Assert.Equal("""{"message":"Invalid request body"}""", Encoding.UTF8.GetString(response!.Body));
    }
}
