using System.Net;
using System.Text.Json.Nodes;
using Backend.Local.Gateway;

namespace Backend.Local.Tests;

/// <summary>
/// Lambda authorizers through a real emulator (authorizer-template.yaml): the authorizer function runs with the event
/// API Gateway sends, its policy decides, its principalId and context reach the integration's requestContext.authorizer,
/// and every refusal is API Gateway's exact answer.
/// </summary>
[Collection("authorizer server")]
public sealed class AuthorizerTests(AuthorizerServerFixture fixture)
{
    private const string DenyAll = """{"raw":{"principalId":"x","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","Resource":"*"}]}}}""";

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        var response = await fixture.Api.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>The integration's event, which the echoing function answers as its body.</summary>
    private static JsonObject Event(string body) => JsonNode.Parse(body)!.AsObject();

    private static string ErrorType(HttpResponseMessage response) =>
        response.Headers.TryGetValues(ApiGatewayHeaders.ErrorType, out var values) ? values.Single() : "";

    [Fact]
    public async Task An_allowed_token_reaches_the_function_with_principalId_and_context_as_strings()
    {
        var token = """{"allow":"alice","n":1}""";
        var (status, body, _) = await GetAsync("/test/token/42", ("Authorization", token));

        Assert.Equal(HttpStatusCode.OK, status);
        var authorizer = Event(body)["requestContext"]!["authorizer"]!.AsObject();
        Assert.Equal("alice", authorizer["principalId"]!.GetValue<string>());
        Assert.Equal("7", authorizer["number"]!.GetValue<string>());
        Assert.Equal("true", authorizer["flag"]!.GetValue<string>());
        var authorizerEvent = JsonNode.Parse(authorizer["event"]!.GetValue<string>())!;
        Assert.Equal(
            new JsonObject { ["type"] = "TOKEN", ["authorizationToken"] = token, ["methodArn"] = "arn:aws:execute-api:us-east-1:123456789012:authapi/test/GET/token/42" }.ToJsonString(),
            authorizerEvent.ToJsonString());
    }

    [Fact]
    public async Task A_cached_answer_serves_the_same_token_on_another_route_and_TTL_0_calls_each_time()
    {
        var token = """{"allow":"bob","n":2}""";
        var first = Event((await GetAsync("/test/token/1", ("Authorization", token))).Body);
        var second = Event((await GetAsync("/test/token/2", ("Authorization", token))).Body);
        var uncached1 = Event((await GetAsync("/test/uncached", ("X-Token", token))).Body);
        var uncached2 = Event((await GetAsync("/test/uncached", ("X-Token", token))).Body);

        static string Invocation(JsonObject e) => e["requestContext"]!["authorizer"]!["invocation"]!.GetValue<string>();
        Assert.Equal(Invocation(first), Invocation(second));
        Assert.NotEqual(Invocation(uncached1), Invocation(uncached2));
    }

    [Theory]
    [InlineData("/test/token/1", null, null)]
    [InlineData("/test/token/1", "Authorization", "")]
    [InlineData("/test/uncached", "X-Token", "not braces")]
    [InlineData("/test/token/1", "Authorization", """{"throw":"Unauthorized"}""")]
    [InlineData("/test/bearer", "Authorization", "Basic dXNlcjpwYXNz")]
    public async Task A_missing_or_invalid_identity_or_an_Unauthorized_authorizer_is_401(string path, string? header, string? value)
    {
        var (status, body, response) = header is null ? await GetAsync(path) : await GetAsync(path, (header, value!));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("""{"message":"Unauthorized"}""", body);
        Assert.Equal("UnauthorizedException", ErrorType(response));
    }

    [Theory]
    [InlineData(DenyAll, "User is not authorized to access this resource with an explicit deny")]
    [InlineData("""{"raw":{"principalId":"x","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:aws:execute-api:us-east-1:123456789012:authapi/test/POST/*"}]}}}""",
        "User is not authorized to access this resource")]
    public async Task A_policy_that_does_not_allow_the_method_is_403(string token, string message)
    {
        var (status, body, response) = await GetAsync("/test/token/1", ("Authorization", token));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal($$"""{"Message":"{{message}}"}""", body);
        Assert.Equal("AccessDeniedException", ErrorType(response));
    }

    [Theory]
    [InlineData("""{"throw":"boom"}""")]
    [InlineData("""{"crash":3}""")]
    [InlineData("""{"raw":{"principalId":"x"}}""")]
    [InlineData("""{"raw":{"principalId":"x","policyDocument":{"Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*"}]},"context":{"o":{"a":1}}}}""")]
    public async Task An_authorizer_error_or_malformed_answer_is_500_with_a_null_message(string token)
    {
        var (status, body, response) = await GetAsync("/test/token/1", ("Authorization", token));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("""{"message":null}""", body);
        Assert.Equal("AuthorizerConfigurationException", ErrorType(response));
    }

    [Fact]
    public async Task A_REQUEST_authorizer_gets_the_request_and_needs_every_identity_source()
    {
        var (status, body, _) = await GetAsync("/test/request/7?who=carol", ("X-Command", """{"allow":"carol"}"""));
        var (missing, _, _) = await GetAsync("/test/request/7", ("X-Command", """{"allow":"carol"}"""));

        Assert.Equal(HttpStatusCode.OK, status);
        var authorizerEvent = JsonNode.Parse(Event(body)["requestContext"]!["authorizer"]!["event"]!.GetValue<string>())!.AsObject();
        Assert.Equal("REQUEST", authorizerEvent["type"]!.GetValue<string>());
        Assert.Equal("arn:aws:execute-api:us-east-1:123456789012:authapi/test/GET/request/7", authorizerEvent["methodArn"]!.GetValue<string>());
        Assert.Equal("/request/{id}", authorizerEvent["resource"]!.GetValue<string>());
        Assert.Equal("7", authorizerEvent["pathParameters"]!["id"]!.GetValue<string>());
        Assert.Equal("carol", authorizerEvent["queryStringParameters"]!["who"]!.GetValue<string>());
        Assert.False(authorizerEvent.ContainsKey("body"));
        Assert.Equal(HttpStatusCode.Unauthorized, missing);
    }

    [Fact]
    public async Task A_route_with_Authorizer_NONE_stays_open()
    {
        var (status, body, _) = await GetAsync("/test/open");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(Event(body)["requestContext"]!["authorizer"]);
    }

    [Theory]
    [InlineData("Bearer letmein", HttpStatusCode.OK)]
    [InlineData("Bearer wrong", HttpStatusCode.Forbidden)]
    public async Task The_projects_token_authorizer_allows_its_token_and_denies_another(string header, HttpStatusCode expected)
    {
        var (status, body, _) = await GetAsync("/test/bearer", ("Authorization", header));

        Assert.Equal(expected, status);
        if (expected == HttpStatusCode.OK) Assert.Equal("api-client", Event(body)["requestContext"]!["authorizer"]!["principalId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_HTTP_API_simple_authorizer_passes_its_context_under_lambda_and_answers_HTTP_APIs_errors()
    {
        var (allowed, body, _) = await GetAsync("/http", ("X-Command", """{"raw":{"isAuthorized":true,"context":{"who":"dave","n":3}}}"""));
        var (denied, deniedBody, _) = await GetAsync("/http", ("X-Command", """{"raw":{"isAuthorized":false}}"""));
        var (missing, missingBody, _) = await GetAsync("/http");
        var (failed, failedBody, _) = await GetAsync("/http", ("X-Command", """{"throw":"boom"}"""));

        Assert.Equal(HttpStatusCode.OK, allowed);
        Assert.Equal("""{"who":"dave","n":3}""", Event(body)["requestContext"]!["authorizer"]!["lambda"]!.ToJsonString());
        Assert.Equal((HttpStatusCode.Forbidden, """{"message":"Forbidden"}"""), (denied, deniedBody));
        Assert.Equal((HttpStatusCode.Unauthorized, """{"message":"Unauthorized"}"""), (missing, missingBody));
        Assert.Equal((HttpStatusCode.InternalServerError, """{"message":"Internal Server Error"}"""), (failed, failedBody));
    }
}
