using System.Text;
using System.Text.Json;
using Backend.Local.Gateway;
using Backend.Local.Gateway.AccessLogs;
using Backend.Template;

namespace Backend.Local.Tests.AccessLogs;

/// <summary>An access log line rendered from a format: each variable's value, "-" where there is none, raw in the text.</summary>
public sealed class AccessLogLineTests
{
    private static readonly ApiDefinition RestApi = new("RestApi", ApiKind.Rest, "prod", new Dictionary<string, System.Text.Json.Nodes.JsonNode>(), []);
    private static readonly ApiDefinition HttpApi = new("RandomApi", ApiKind.Http, "$default", new Dictionary<string, System.Text.Json.Nodes.JsonNode>(), []);
    private static readonly RouteDefinition CalcRoute = new("CalcFunction", "Get", RestApi, "GET", "/calc/{a}", null);
    private static readonly RouteDefinition RandomRoute = new("RandomFunction", "Get", HttpApi, "GET", "/index", null);

    private static AccessLogEntry Entry(ApiDefinition api, GatewayTrace? trace = null, int status = 200, byte[]? body = null, string? userAgent = "curl/8.5.0") =>
        new(api, "c0ffee00-0000-4000-8000-000000000001", "KtF82HGdliAFjxw=", "GET", "/prod/calc/1", "10.0.0.7", "HTTP/1.1",
            "localhost:3000", userAgent, new DateTimeOffset(2026, 11, 30, 9, 5, 7, 123, TimeSpan.Zero), status, 42, 17,
            body ?? Encoding.UTF8.GetBytes("{\"c\":3}"), trace ?? new GatewayTrace(), "123456789012");

    private static string Value(string variable, AccessLogEntry entry) =>
        AccessLogLine.Render(AccessLogFormat.Parse($"$context.requestId|$context.{variable}", entry.Api.Kind, "Format"), entry).Split('|')[1];

    private static GatewayTrace Integrated(RouteDefinition route) => new()
    {
        Match = new RouteMatch(route, route.Api.StageName, "/calc/1", new Dictionary<string, string>()),
        Integrated = true,
        IntegrationLatencyMs = 9,
        LambdaStatus = 200,
        FunctionStatus = 201,
        IntegrationRequestId = "8f5e0000-0000-4000-8000-000000000002",
        AnsweredByFunction = true,
    };

    [Theory]
    [InlineData("requestId", "c0ffee00-0000-4000-8000-000000000001")]
    [InlineData("extendedRequestId", "KtF82HGdliAFjxw=")]
    [InlineData("apiId", "restapi")]
    [InlineData("accountId", "123456789012")]
    [InlineData("stage", "prod")]
    [InlineData("domainName", "localhost:3000")]
    [InlineData("domainPrefix", "localhost")]
    [InlineData("httpMethod", "GET")]
    [InlineData("path", "/prod/calc/1")]
    [InlineData("protocol", "HTTP/1.1")]
    [InlineData("identity.sourceIp", "10.0.0.7")]
    [InlineData("identity.userAgent", "curl/8.5.0")]
    [InlineData("requestTime", "30/Nov/2026:09:05:07 +0000")]
    [InlineData("requestTimeEpoch", "1796029507123")]
    [InlineData("resourcePath", "/calc/{a}")]
    [InlineData("status", "200")]
    [InlineData("responseLength", "42")]
    [InlineData("responseLatency", "17")]
    [InlineData("integrationLatency", "9")]
    [InlineData("integration.latency", "9")]
    [InlineData("integrationStatus", "200")]
    [InlineData("integration.integrationStatus", "200")]
    [InlineData("integration.status", "201")]
    [InlineData("integration.requestId", "8f5e0000-0000-4000-8000-000000000002")]
    [InlineData("awsEndpointRequestId", "8f5e0000-0000-4000-8000-000000000002")]
    public void Each_REST_variable_has_its_value(string variable, string expected) =>
        Assert.Equal(expected, Value(variable, Entry(RestApi, Integrated(CalcRoute))));

    [Theory]
    [InlineData("routeKey", "GET /index")]
    [InlineData("extendedRequestId", "c0ffee00-0000-4000-8000-000000000001")]
    [InlineData("stage", "$default")]
    [InlineData("integrationErrorMessage", "-")]
    public void Each_HTTP_variable_has_its_value(string variable, string expected) =>
        Assert.Equal(expected, Value(variable, Entry(HttpApi, Integrated(RandomRoute))));

    [Theory]
    [InlineData("identity.caller")]
    [InlineData("identity.user")]
    [InlineData("identity.apiKey")]
    [InlineData("authorizer.principalId")]
    [InlineData("resourcePath")]
    [InlineData("integrationLatency")]
    [InlineData("integrationStatus")]
    [InlineData("integration.status")]
    [InlineData("integration.error")]
    [InlineData("error.message")]
    [InlineData("xrayTraceId")]
    public void A_value_that_is_absent_is_a_dash(string variable) =>
        Assert.Equal("-", Value(variable, Entry(RestApi)));

    [Fact]
    public void A_request_without_a_user_agent_logs_a_dash() =>
        Assert.Equal("-", Value("identity.userAgent", Entry(RestApi, userAgent: null)));

    [Fact]
    public void The_gateways_own_answer_gives_error_message_and_its_quoted_string()
    {
        var entry = Entry(RestApi, status: 403, body: Encoding.UTF8.GetBytes("""{"message":"Missing Authentication Token"}"""));

        Assert.Equal("Missing Authentication Token", Value("error.message", entry));
        Assert.Equal("\"Missing Authentication Token\"", Value("error.messageString", entry));
    }

    [Fact]
    public void A_functions_own_error_answer_is_no_gateway_error()
    {
        var entry = Entry(RestApi, Integrated(CalcRoute), status: 400, body: Encoding.UTF8.GetBytes("""{"message":"Invalid Operand"}"""));

        Assert.Equal("-", Value("error.message", entry));
    }

    [Fact]
    public void An_HTTP_APIs_function_error_is_worded_as_API_Gateway_words_it()
    {
        var trace = Integrated(RandomRoute);
        trace.AnsweredByFunction = false;
        trace.FunctionStatus = null;
        IntegrationTrace.Note(trace, ApiKind.Http, new Backend.Local.Runtime.InvocationResult.FunctionError("Unhandled",
            Encoding.UTF8.GetBytes("""{"errorType":"Exception","errorMessage":"boom","stackTrace":[]}""")));

        Assert.Equal("The Lambda function returned the following error: boom. Check your Lambda function code and try again.",
            Value("integrationErrorMessage", Entry(HttpApi, trace, status: 500)));
    }

    [Fact]
    public void A_JSON_format_gets_its_values_raw_between_its_own_quotes()
    {
        var format = AccessLogFormat.Parse("""{"requestId":"$context.requestId","ua":"$context.identity.userAgent","status":$context.status}""", ApiKind.Rest, "Format");

        var line = AccessLogLine.Render(format, Entry(RestApi, userAgent: "a \"quoted\" agent"));

        // API Gateway does not escape values: a quote in a header breaks the JSON, as it does on AWS.
        Assert.Equal("""{"requestId":"c0ffee00-0000-4000-8000-000000000001","ua":"a "quoted" agent","status":200}""", line);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(line));
    }

    [Fact]
    public void The_repository_templates_REST_format_renders_as_JSON()
    {
        var template = SamTemplate.Load(Backend.Lambda.TestUtilities.RepositoryFiles.PathOf("template.yaml"));
        var api = template.Apis.Single(a => a.LogicalId == "RestApi");

        using var line = JsonDocument.Parse(AccessLogLine.Render(api.AccessLog!, Entry(api, Integrated(CalcRoute with { Api = api }))));

        Assert.Equal("c0ffee00-0000-4000-8000-000000000001", line.RootElement.GetProperty("requestId").GetString());
        Assert.Equal("/calc/{a}", line.RootElement.GetProperty("resourcePath").GetString());
        Assert.Equal("-", line.RootElement.GetProperty("caller").GetString());
        Assert.Equal("-", line.RootElement.GetProperty("integrationError").GetString());
    }
}
