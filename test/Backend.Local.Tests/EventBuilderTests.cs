using System.Text;
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
    public void Rest_bodies_are_text_unless_binary_by_media_type_or_bytes()
    {
        var route = new RouteDefinition("F", "E", Rest, "POST", "/up", null);
        var match = new RouteTable([route]).Match("POST", "/up")!;

        var json = EventBuilder.Rest(Request("POST", "/up", "", Encoding.UTF8.GetBytes("{\"é\":1}"), ("Content-Type", "application/json")), match, Local);
        var png = EventBuilder.Rest(Request("POST", "/up", "", [1, 2, 3], ("Content-Type", "image/png")), match, Local);
        var invalidUtf8 = EventBuilder.Rest(Request("POST", "/up", "", [0xff, 0xfe], ("Content-Type", "text/plain")), match, Local);

        Assert.Equal(("{\"é\":1}", false), (json.Body, json.IsBase64Encoded));
        Assert.Equal(("AQID", true), (png.Body, png.IsBase64Encoded));
        Assert.Equal(("//4=", true), (invalidUtf8.Body, invalidUtf8.IsBase64Encoded));
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
}
