using System.Text;
using System.Text.Json;
using Backend.Local.Gateway;
using Backend.Template;

namespace Backend.Local.Tests;

public sealed class EventBuilderTests
{
    private static readonly LocalValues Local = new();
    private static readonly ApiDefinition Rest = new("RestApi", ApiKind.Rest, "prod", new Dictionary<string, System.Text.Json.Nodes.JsonNode>(), ["image/png"]);
    private static readonly ApiDefinition Http = new("HttpApi", ApiKind.Http, "$default", new Dictionary<string, System.Text.Json.Nodes.JsonNode>(), []);

    private static GatewayRequest Request(string method, string path, string query, byte[] body, params (string, string)[] headers) =>
        new(method, path, query, headers.Select(h => new KeyValuePair<string, string>(h.Item1, h.Item2)).ToList(), body, "10.1.2.3")
        {
            ReceivedAt = new DateTimeOffset(2026, 11, 21, 5, 0, 0, TimeSpan.Zero),
            RequestId = "req-1",
        };

    [Fact]
    public void Rest_events_carry_single_and_multi_valued_headers_and_query_strings()
    {
        var route = new RouteDefinition("F", "E", Rest, "GET", "/calc/{a}", null);
        var request = Request("GET", "/prod/calc/7", "x=1&x=2&op=%2B&plus=a+b&empty=", [],
            ("Host", "127.0.0.1:3000"), ("Accept", "text/plain"), ("Accept", "application/json"), ("User-Agent", "curl/8"));
        var match = new RouteTable([route]).Match("GET", "/prod/calc/7")!;

        var e = EventBuilder.Rest(request, match, Local);

        Assert.Equal(("/calc/{a}", "/calc/7", "GET"), (e.Resource, e.Path, e.HttpMethod));
        Assert.Equal("application/json", e.Headers!["accept"]);
        Assert.Equal(["text/plain", "application/json"], e.MultiValueHeaders!["Accept"]);
        Assert.Equal("2", e.QueryStringParameters!["x"]);
        Assert.Equal(["1", "2"], e.MultiValueQueryStringParameters!["x"]);
        Assert.Equal("+", e.QueryStringParameters["op"]);
        Assert.Equal("a b", e.QueryStringParameters["plus"]);
        Assert.Equal("", e.QueryStringParameters["empty"]);
        Assert.Equal("7", e.PathParameters!["a"]);
        var context = e.RequestContext!;
        Assert.Equal(("prod", "/prod/calc/7", "/calc/{a}", "req-1"), (context.Stage, context.Path, context.ResourcePath, context.RequestId));
        Assert.Equal(("10.1.2.3", "curl/8"), (context.Identity!.SourceIp, context.Identity.UserAgent));
        Assert.Equal(1795237200000, context.RequestTimeEpoch);
        Assert.Equal("21/Nov/2026:05:00:00 +0000", context.RequestTime);
        Assert.Equal("123456789012", context.AccountId);
        Assert.Null(e.Body);
        Assert.False(e.IsBase64Encoded);
    }

    [Fact]
    public void Rest_bodies_are_base64_only_when_their_content_type_is_a_binary_media_type()
    {
        var route = new RouteDefinition("F", "E", Rest, "POST", "/up", null);
        var match = new RouteTable([route]).Match("POST", "/up")!;

        var json = EventBuilder.Rest(Request("POST", "/up", "", Encoding.UTF8.GetBytes("{\"é\":1}"), ("Content-Type", "application/json")), match, Local);
        var png = EventBuilder.Rest(Request("POST", "/up", "", [1, 2, 3], ("Content-Type", "IMAGE/PNG; charset=x")), match, Local);
        var octets = EventBuilder.Rest(Request("POST", "/up", "", [0x61, 0x62], ("Content-Type", "application/octet-stream")), match, Local);
        var invalidUtf8 = EventBuilder.Rest(Request("POST", "/up", "", [0xff, 0xfe], ("Content-Type", "text/plain")), match, Local);

        Assert.Equal(("{\"é\":1}", false), (json.Body, json.IsBase64Encoded));
        Assert.Equal(("AQID", true), (png.Body, png.IsBase64Encoded));
        Assert.Equal(("ab", false), (octets.Body, octets.IsBase64Encoded));
        Assert.Equal(("\uFFFD\uFFFD", false), (invalidUtf8.Body, invalidUtf8.IsBase64Encoded));
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/octet-stream")]
    [InlineData("")]
    public void Without_binary_media_types_a_rest_body_of_any_content_type_is_text(string contentType)
    {
        var api = Rest with { BinaryMediaTypes = [] };
        var match = new RouteTable([new RouteDefinition("F", "E", api, "POST", "/up", null)]).Match("POST", "/up")!;
        (string, string)[] headers = contentType.Length == 0 ? [] : [("Content-Type", contentType)];

        var e = EventBuilder.Rest(Request("POST", "/up", "", Encoding.UTF8.GetBytes("PNG\u0001"), headers), match, Local);

        Assert.Equal(("PNG\u0001", false), (e.Body, e.IsBase64Encoded));
    }

    [Fact]
    public void Every_rest_body_is_base64_under_the_any_media_type()
    {
        var api = Rest with { BinaryMediaTypes = ["*/*"] };
        var match = new RouteTable([new RouteDefinition("F", "E", api, "POST", "/up", null)]).Match("POST", "/up")!;

        var json = EventBuilder.Rest(Request("POST", "/up", "", Encoding.UTF8.GetBytes("{}"), ("Content-Type", "application/json")), match, Local);
        var none = EventBuilder.Rest(Request("POST", "/up", "", Encoding.UTF8.GetBytes("{}")), match, Local);

        Assert.Equal(("e30=", true), (json.Body, json.IsBase64Encoded));
        Assert.Equal(("e30=", true), (none.Body, none.IsBase64Encoded));
    }

    [Fact]
    public void Http_api_events_are_payload_2_0()
    {
        var route = new RouteDefinition("F", "E", Http, "GET", "/index", null);
        var request = Request("GET", "/index", "min=1&min=2&max=6", [1, 2],
            ("Host", "localhost:3000"), ("X-Custom", "a"), ("x-custom", "b"), ("Cookie", "c1=v1; c2=v2"), ("Content-Type", "application/octet-stream"));
        var match = new RouteTable([route]).Match("GET", "/index")!;

        var e = EventBuilder.HttpApi(request, match, Local);

        Assert.Equal(("2.0", "GET /index", "/index", "min=1&min=2&max=6"), (e.Version, e.RouteKey, e.RawPath, e.RawQueryString));
        Assert.Equal("a,b", e.Headers!["x-custom"]);
        Assert.False(e.Headers.ContainsKey("cookie"));
        Assert.Equal(["c1=v1", "c2=v2"], e.Cookies!);
        Assert.Equal("1,2", e.QueryStringParameters!["min"]);
        Assert.Equal(("GET", "/index", "10.1.2.3"), (e.RequestContext!.Http!.Method, e.RequestContext.Http.Path, e.RequestContext.Http.SourceIp));
        Assert.Equal(("$default", "GET /index", "req-1"), (e.RequestContext.Stage, e.RequestContext.RouteKey, e.RequestContext.RequestId));
        Assert.Equal(("AQI=", true), (e.Body, e.IsBase64Encoded));
    }

    private static JsonElement Json(byte[] utf8) => JsonDocument.Parse(utf8).RootElement.Clone();

    [Fact]
    public void Rest_events_write_every_key_with_null_when_empty()
    {
        var route = new RouteDefinition("F", "E", Rest, "GET", "/calc", null);
        var request = Request("GET", "/prod/calc", "", [], ("Host", "127.0.0.1:3000"), ("User-Agent", "curl/8"));

        var e = Json(EventBuilder.Build(request, new RouteTable([route]).Match("GET", "/prod/calc")!, Local));

        foreach (var key in new[] { "body", "queryStringParameters", "multiValueQueryStringParameters", "pathParameters", "stageVariables" })
            Assert.Equal(JsonValueKind.Null, e.GetProperty(key).ValueKind);
        var identity = e.GetProperty("requestContext").GetProperty("identity");
        foreach (var key in new[] { "cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller", "principalOrgId", "accessKey",
                     "cognitoAuthenticationType", "cognitoAuthenticationProvider", "userArn", "user" })
            Assert.Equal(JsonValueKind.Null, identity.GetProperty(key).ValueKind);
        Assert.Equal(("10.1.2.3", "curl/8"), (identity.GetProperty("sourceIp").GetString(), identity.GetProperty("userAgent").GetString()));
        // Only where they apply: an API key's ids on API-key methods, an authorizer's context with an authorizer.
        Assert.False(identity.TryGetProperty("apiKey", out _));
        Assert.False(identity.TryGetProperty("apiKeyId", out _));
        Assert.False(e.GetProperty("requestContext").TryGetProperty("authorizer", out _));
        Assert.Equal(request.ExtendedRequestId, e.GetProperty("requestContext").GetProperty("extendedRequestId").GetString());
    }

    [Fact]
    public void Http_api_events_leave_empty_keys_out()
    {
        var route = new RouteDefinition("F", "E", Http, "GET", "/index", null);
        var request = Request("GET", "/index", "", [], ("Host", "localhost:3000"));

        var e = Json(EventBuilder.Build(request, new RouteTable([route]).Match("GET", "/index")!, Local));

        foreach (var key in new[] { "body", "queryStringParameters", "pathParameters", "stageVariables", "cookies" })
            Assert.False(e.TryGetProperty(key, out _), key);
    }

    [Fact]
    public void Both_payloads_carry_the_stages_variables_when_the_template_sets_some()
    {
        var variables = new Dictionary<string, string> { ["alias"] = "live", ["backend_url"] = "https://books.example.com/v1" };
        var rest = new RouteDefinition("F", "E", Rest with { StageVariables = variables }, "GET", "/calc", null);
        var http = new RouteDefinition("F", "E", Http with { StageVariables = variables }, "GET", "/index", null);

        var restEvent = Json(EventBuilder.Build(Request("GET", "/prod/calc", "", []), new RouteTable([rest]).Match("GET", "/prod/calc")!, Local));
        var httpEvent = Json(EventBuilder.Build(Request("GET", "/index", "", []), new RouteTable([http]).Match("GET", "/index")!, Local));

        foreach (var e in new[] { restEvent, httpEvent })
        {
            var stageVariables = e.GetProperty("stageVariables");
            Assert.Equal(("live", "https://books.example.com/v1"),
                (stageVariables.GetProperty("alias").GetString(), stageVariables.GetProperty("backend_url").GetString()));
            Assert.Equal(2, stageVariables.EnumerateObject().Count());
        }
    }

    [Fact]
    public void Both_payloads_carry_the_forwarded_headers_a_proxy_adds()
    {
        var rest = new RouteDefinition("F", "E", Rest, "GET", "/calc", null);
        var http = new RouteDefinition("G", "E", Http, "GET", "/index", null);
        var table = new RouteTable([rest, http]);
        var plain = Request("GET", "/prod/calc", "", [], ("Host", "localhost:3000")) with { Port = 3000 };
        var proxied = Request("GET", "/prod/calc", "", [], ("X-Forwarded-For", "203.0.113.9"), ("X-Forwarded-Proto", "https")) with { Port = 3000 };

        var restEvent = EventBuilder.Rest(plain, table.Match("GET", "/prod/calc")!, Local);
        var restProxied = EventBuilder.Rest(proxied, table.Match("GET", "/prod/calc")!, Local);
        var httpEvent = EventBuilder.HttpApi(proxied with { RawPath = "/index" }, table.Match("GET", "/index")!, Local);

        Assert.Equal(("10.1.2.3", "http", "3000"), (restEvent.Headers!["X-Forwarded-For"], restEvent.Headers["X-Forwarded-Proto"], restEvent.Headers["X-Forwarded-Port"]));
        Assert.Equal(["10.1.2.3"], restEvent.MultiValueHeaders!["X-Forwarded-For"]);
        Assert.Equal(["3000"], restEvent.MultiValueHeaders["X-Forwarded-Port"]);
        Assert.Equal("203.0.113.9, 10.1.2.3", restProxied.Headers!["X-Forwarded-For"]);
        Assert.Equal(["203.0.113.9, 10.1.2.3"], restProxied.MultiValueHeaders!["X-Forwarded-For"]);
        Assert.Equal(["http"], restProxied.MultiValueHeaders["X-Forwarded-Proto"]);
        Assert.Equal(("203.0.113.9, 10.1.2.3", "http", "3000"), (httpEvent.Headers!["x-forwarded-for"], httpEvent.Headers["x-forwarded-proto"], httpEvent.Headers["x-forwarded-port"]));
    }

    [Fact]
    public void Https_is_forwarded_as_https()
    {
        var route = new RouteDefinition("F", "E", Rest, "GET", "/calc", null);
        var request = Request("GET", "/calc", "", []) with { Scheme = "https", Port = 443 };

        var e = EventBuilder.Rest(request, new RouteTable([route]).Match("GET", "/calc")!, Local);

        Assert.Equal(("https", "443"), (e.Headers!["X-Forwarded-Proto"], e.Headers["X-Forwarded-Port"]));
    }

    [Theory]
    [InlineData("/prod/calc/7/", "/calc/7/", "/prod/calc/7/")]
    [InlineData("/calc/7/", "/calc/7/", "/prod/calc/7/")]
    [InlineData("/prod/calc/7", "/calc/7", "/prod/calc/7")]
    public void A_rest_event_keeps_the_trailing_slash_the_client_sent(string rawPath, string path, string contextPath)
    {
        var route = new RouteDefinition("F", "E", Rest, "GET", "/calc/{a}", null);
        var match = new RouteTable([route]).Match("GET", rawPath)!;

        var e = EventBuilder.Rest(Request("GET", rawPath, "", []), match, Local);

        Assert.Equal((path, contextPath, "/calc/{a}", "7"), (e.Path, e.RequestContext!.Path, e.Resource, e.PathParameters!["a"]));
    }
}
