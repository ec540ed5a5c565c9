using Backend.Local.Gateway;
using Backend.Local.Http;
using Backend.Template;

namespace Backend.Local.Tests;

/// <summary>The rules of an HTTP API's CorsConfiguration (HttpApiCors), without a server.</summary>
public sealed class HttpApiCorsRulesTests
{
    private static readonly HttpCorsDefinition Cors = new(["https://books.example.com", "https://*.shop.example"], ["GET", "PUT"], ["content-type"], ["etag"], 300, true);
    private static readonly ApiDefinition Api = new("Web", ApiKind.Http, "$default", new Dictionary<string, System.Text.Json.Nodes.JsonNode>(), []) { HttpCors = Cors };
    private static readonly ApiDefinition Plain = new("Plain", ApiKind.Http, "plain", new Dictionary<string, System.Text.Json.Nodes.JsonNode>(), []);

    private static readonly RouteTable Routes = new(
    [
        new RouteDefinition("F", "Get", Api, "GET", "/catalog", null),
        new RouteDefinition("F", "Own", Api, "OPTIONS", "/catalog/own", null),
        new RouteDefinition("F", "Any", Api, "ANY", "/any/{proxy+}", null),
        new RouteDefinition("F", "Plain", Plain, "GET", "/plain", null),
    ]);

    private static GatewayRequest Request(string method, string path, params (string Name, string Value)[] headers) =>
        new(method, path, "", headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)).ToList(), [], "127.0.0.1") { RequestId = "r1" };

    private static Dictionary<string, string> Headers(HttpReply reply) => reply.Headers.ToDictionary(h => h.Key, h => h.Value);

    [Theory]
    [InlineData("https://books.example.com", "https://books.example.com")]
    [InlineData("HTTPS://BOOKS.EXAMPLE.COM", "HTTPS://BOOKS.EXAMPLE.COM")]
    [InlineData("https://a.shop.example", "https://a.shop.example")]
    [InlineData("https://a.b.shop.example", "https://a.b.shop.example")]
    [InlineData("https://shop.example", null)]
    [InlineData("http://a.shop.example", null)]
    [InlineData("https://a.shop.example.evil", null)]
    [InlineData("https://books.example.com.evil", null)]
    [InlineData("null", null)]
    public void An_origin_is_allowed_when_an_entry_matches_it_with_star_as_a_wildcard(string origin, string? allowed) =>
        Assert.Equal(allowed, HttpApiCors.AllowedOrigin(Cors, origin));

    [Fact]
    public void Star_allows_every_origin_and_is_what_the_gateway_answers()
    {
        var any = Cors with { AllowOrigins = ["*"], AllowCredentials = false };

        Assert.Equal("*", HttpApiCors.AllowedOrigin(any, "https://anyone.example"));
        Assert.Equal("https://x.example", HttpApiCors.AllowedOrigin(Cors with { AllowOrigins = ["https://*"] }, "https://x.example"));
        Assert.Null(HttpApiCors.AllowedOrigin(Cors with { AllowOrigins = ["https://*"] }, "http://x.example"));
    }

    [Theory]
    [InlineData("PUT", true)]
    [InlineData("put", true)]
    [InlineData("DELETE", false)]
    public void Methods_compare_case_insensitively(string method, bool allowed) => Assert.Equal(allowed, HttpApiCors.MethodAllowed(Cors, method));

    [Fact]
    public void Star_or_no_AllowMethods_checks_no_method()
    {
        Assert.True(HttpApiCors.MethodAllowed(Cors with { AllowMethods = ["*"] }, "DELETE"));
        Assert.True(HttpApiCors.MethodAllowed(Cors with { AllowMethods = [] }, "DELETE"));
    }

    [Theory]
    [InlineData("/catalog")]
    [InlineData("/nowhere/at/all")]
    public void The_gateway_answers_a_preflight_no_route_takes_with_204_and_the_configuration(string path)
    {
        var reply = HttpApiCors.Preflight(Routes, Request("OPTIONS", path, ("Origin", "https://a.shop.example"), ("Access-Control-Request-Method", "PUT")))!;

        Assert.Equal(204, reply.StatusCode);
        Assert.Empty(reply.Body);
        Assert.Equal(new Dictionary<string, string>
        {
            ["Access-Control-Allow-Origin"] = "https://a.shop.example",
            ["Access-Control-Allow-Credentials"] = "true",
            ["Access-Control-Allow-Methods"] = "GET,PUT",
            ["Access-Control-Allow-Headers"] = "content-type",
            ["Access-Control-Max-Age"] = "300",
        }, Headers(reply));
    }

    [Theory]
    [InlineData("https://evil.example", "PUT")]
    [InlineData("https://books.example.com", "DELETE")]
    public void A_refused_origin_or_method_gets_204_without_any_CORS_header(string origin, string method)
    {
        var reply = HttpApiCors.Preflight(Routes, Request("OPTIONS", "/catalog", ("Origin", origin), ("Access-Control-Request-Method", method)))!;

        Assert.Equal(204, reply.StatusCode);
        Assert.Empty(reply.Headers);
    }

    [Theory]
    [InlineData("/catalog/own")]
    [InlineData("/any/thing")]
    [InlineData("/plain/plain")]
    public void A_route_matching_OPTIONS_or_an_API_without_CORS_leaves_the_preflight_to_the_routes(string path) =>
        Assert.Null(HttpApiCors.Preflight(Routes, Request("OPTIONS", path, ("Origin", "https://books.example.com"), ("Access-Control-Request-Method", "GET"))));

    [Theory]
    [InlineData("GET")]
    [InlineData("OPTIONS")]
    public void Only_an_OPTIONS_with_Origin_and_Access_Control_Request_Method_is_a_preflight(string method)
    {
        Assert.Null(HttpApiCors.Preflight(Routes, Request(method, "/catalog", ("Origin", "https://books.example.com"))));
        Assert.Null(HttpApiCors.Preflight(Routes, Request(method, "/catalog", ("Access-Control-Request-Method", "GET"))));
    }

    [Fact]
    public void On_a_response_the_functions_CORS_headers_are_replaced_by_the_gateways()
    {
        var reply = new HttpReply(200, [new("access-control-allow-origin", "https://evil.example"), new("Access-Control-Max-Age", "1"), new("X-Own", "kept")], []);

        var allowed = HttpApiCors.OnResponse(Cors, Request("GET", "/catalog", ("Origin", "https://books.example.com")), reply);
        var refused = HttpApiCors.OnResponse(Cors, Request("GET", "/catalog", ("Origin", "https://evil.example")), reply);
        var noOrigin = HttpApiCors.OnResponse(Cors, Request("GET", "/catalog"), reply);
        var noCors = HttpApiCors.OnResponse(null, Request("GET", "/catalog", ("Origin", "https://books.example.com")), reply);

        Assert.Equal(new Dictionary<string, string>
        {
            ["X-Own"] = "kept",
            ["Access-Control-Allow-Origin"] = "https://books.example.com",
            ["Access-Control-Allow-Credentials"] = "true",
            ["Access-Control-Expose-Headers"] = "etag",
        }, Headers(allowed));
        Assert.Equal(new Dictionary<string, string> { ["X-Own"] = "kept" }, Headers(refused));
        Assert.Equal(new Dictionary<string, string> { ["X-Own"] = "kept" }, Headers(noOrigin));
        Assert.Same(reply, noCors);
    }
}
