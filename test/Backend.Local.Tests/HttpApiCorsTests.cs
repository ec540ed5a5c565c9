using System.Net;
using System.Text;

namespace Backend.Local.Tests;

/// <summary>
/// SAM's CorsConfiguration on an HTTP API (cors-template.yaml's CorsHttpApi), through a real emulator: the gateway
/// answers preflights itself and puts its own CORS headers on the functions' answers.
/// </summary>
[Collection("cors server")]
public sealed class HttpApiCorsTests(CorsServerFixture fixture)
{
    private Task<(HttpStatusCode Status, string Body, Dictionary<string, string> Headers)> SendAsync(HttpMethod method, string path, string? body, params (string Name, string Value)[] headers) =>
        CorsExchange.SendAsync(fixture.Api, method, path, body, headers);

    private static Dictionary<string, string> Cors(Dictionary<string, string> headers) => CorsExchange.Cors(headers);

    [Theory]
    [InlineData("https://books.example.com")]
    [InlineData("https://a.shop.example")]
    public async Task An_allowed_preflight_gets_204_and_the_configuration(string origin)
    {
        var (status, body, headers) = await SendAsync(HttpMethod.Options, "/catalog", null, ("Origin", origin), ("Access-Control-Request-Method", "PUT"));

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal("", body);
        Assert.Equal(new Dictionary<string, string>
        {
            ["Access-Control-Allow-Origin"] = origin,
            ["Access-Control-Allow-Credentials"] = "true",
            ["Access-Control-Allow-Methods"] = "GET,PUT",
            ["Access-Control-Allow-Headers"] = "content-type,x-api-key",
            ["Access-Control-Max-Age"] = "300",
        }, Cors(headers));
        Assert.True(headers.ContainsKey("Apigw-Requestid"));
    }

    [Theory]
    [InlineData("https://evil.example", "GET")]
    [InlineData("https://books.example.com", "DELETE")]
    public async Task A_preflight_from_a_refused_origin_or_for_a_refused_method_gets_no_CORS_header(string origin, string method)
    {
        var (status, _, headers) = await SendAsync(HttpMethod.Options, "/catalog", null, ("Origin", origin), ("Access-Control-Request-Method", method));

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Empty(Cors(headers));
    }

    [Fact]
    public async Task A_request_with_an_allowed_Origin_gets_the_gateways_headers_on_the_functions_answer()
    {
        var (status, body, headers) = await SendAsync(HttpMethod.Get, "/catalog", null, ("Origin", "https://books.example.com"));
        var (_, _, withoutOrigin) = await SendAsync(HttpMethod.Get, "/catalog", null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"routeKey\":\"GET /catalog\"", body);
        Assert.Equal(new Dictionary<string, string>
        {
            ["Access-Control-Allow-Origin"] = "https://books.example.com",
            ["Access-Control-Allow-Credentials"] = "true",
            ["Access-Control-Expose-Headers"] = "x-request-id,etag",
        }, Cors(headers));
        Assert.Empty(Cors(withoutOrigin));
    }

    [Theory]
    [InlineData("https://books.example.com", "https://books.example.com")]
    [InlineData("https://evil.example", null)]
    public async Task The_functions_own_CORS_headers_are_ignored(string origin, string? allowOrigin)
    {
        // The function answers with its own Access-Control-Allow-Origin and Max-Age: API Gateway drops both.
        const string own = """{"raw":{"statusCode":200,"headers":{"Access-Control-Allow-Origin":"https://evil.example","Access-Control-Max-Age":"1","X-Own":"kept"},"body":"hi"}}""";
        var (status, body, headers) = await SendAsync(HttpMethod.Post, "/catalog", own, ("Origin", origin));

        Assert.Equal((HttpStatusCode.OK, "hi", "kept"), (status, body, headers["X-Own"]));
        Assert.Equal(allowOrigin, Cors(headers).GetValueOrDefault("Access-Control-Allow-Origin"));
        Assert.False(headers.ContainsKey("Access-Control-Max-Age"));
    }

    [Fact]
    public async Task An_OPTIONS_route_takes_the_preflight_and_its_answer_gets_the_gateways_headers()
    {
        var (status, body, headers) = await SendAsync(HttpMethod.Options, "/catalog/own", null, ("Origin", "https://books.example.com"), ("Access-Control-Request-Method", "PUT"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"routeKey\":\"OPTIONS /catalog/own\"", body);
        Assert.Equal("https://books.example.com", headers["Access-Control-Allow-Origin"]);
        Assert.False(headers.ContainsKey("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task An_OPTIONS_that_is_no_preflight_is_an_unmatched_route_as_before()
    {
        var (status, body, _) = await SendAsync(HttpMethod.Options, "/catalog", null, ("Origin", "https://books.example.com"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("""{"message":"Not Found"}""", body);
    }
}
