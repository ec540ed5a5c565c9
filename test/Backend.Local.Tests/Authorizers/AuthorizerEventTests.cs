using System.Text.Json.Nodes;
using Backend.Local.Gateway;
using Backend.Local.Gateway.Authorizers;
using Backend.Template;

namespace Backend.Local.Tests.Authorizers;

/// <summary>The events an authorizer function receives, and the identity sources read from a request.</summary>
public sealed class AuthorizerEventTests
{
    private static readonly LocalValues Local = new();
    private static readonly ApiDefinition Rest = new("RestApi", ApiKind.Rest, "prod", new Dictionary<string, JsonNode>(), []) { StageVariables = new Dictionary<string, string> { ["tier"] = "gold" } };
    private static readonly ApiDefinition Http = new("HttpApi", ApiKind.Http, "$default", new Dictionary<string, JsonNode>(), []);

    private static GatewayRequest Request(string path, string query, params (string, string)[] headers) =>
        new("GET", path, query, headers.Select(h => new KeyValuePair<string, string>(h.Item1, h.Item2)).ToList(), "body"u8.ToArray(), "10.1.2.3") { RequestId = "req-1" };

    private static RouteMatch Match(ApiDefinition api, string routePath, string path) =>
        new RouteTable([new RouteDefinition("F", "E", api, "GET", routePath, null)]).Match("GET", path)!;

    [Fact]
    public void A_REST_REQUEST_event_is_the_proxy_event_without_its_body_after_type_and_methodArn()
    {
        var authorizer = new AuthorizerDefinition("R", "F", AuthorizerPayload.Request, ["method.request.header.X-Key", "method.request.querystring.q", "stageVariables.tier"], null, 300);
        var request = Request("/prod/items/9", "q=1", ("X-Key", "k"));
        var match = Match(Rest, "/items/{id}", "/prod/items/9");
        var identity = IdentitySources.Values(authorizer, request, match)!;

        var e = JsonNode.Parse(AuthorizerEvent.Build(authorizer, request, match, Local, identity))!.AsObject();

        Assert.Equal(["k", "1", "gold"], identity);
        Assert.Equal(["type", "methodArn", "resource", "path", "httpMethod"], e.Select(p => p.Key).Take(5));
        Assert.Equal("arn:aws:execute-api:us-east-1:123456789012:restapi/prod/GET/items/9", e["methodArn"]!.GetValue<string>());
        Assert.Equal("9", e["pathParameters"]!["id"]!.GetValue<string>());
        Assert.Equal("gold", e["stageVariables"]!["tier"]!.GetValue<string>());
        Assert.False(e.ContainsKey("body"));
        Assert.False(e.ContainsKey("isBase64Encoded"));
    }

    [Fact]
    public void An_HTTP_API_2_0_event_names_the_route_ARN_and_its_identity_values()
    {
        var authorizer = new AuthorizerDefinition("H", "F", AuthorizerPayload.Request, ["$request.header.X-Key", "$request.querystring.q"], null, 300, "2.0");
        var request = Request("/items/9", "q=1", ("X-Key", "k"));
        var match = Match(Http, "/items/{id}", "/items/9");

        var e = JsonNode.Parse(AuthorizerEvent.Build(authorizer, request, match, Local, ["k", "1"]))!.AsObject();

        Assert.Equal(("2.0", "REQUEST"), (e["version"]!.GetValue<string>(), e["type"]!.GetValue<string>()));
        Assert.Equal("arn:aws:execute-api:us-east-1:123456789012:httpapi/$default/GET/items/9", e["routeArn"]!.GetValue<string>());
        Assert.Equal("""["k","1"]""", e["identitySource"]!.ToJsonString());
        Assert.Equal("GET /items/{id}", e["routeKey"]!.GetValue<string>());
        Assert.Equal("k", e["headers"]!["x-key"]!.GetValue<string>());
        Assert.False(e.ContainsKey("body"));
    }

    [Fact]
    public void An_HTTP_API_1_0_event_joins_its_identity_under_identitySource_and_authorizationToken()
    {
        var authorizer = new AuthorizerDefinition("H", "F", AuthorizerPayload.Request, ["$request.header.A", "$request.header.B"], null, 300, "1.0");
        var request = Request("/items/9", "", ("A", "x"), ("B", "y"));
        var match = Match(Http, "/items/{id}", "/items/9");

        var e = JsonNode.Parse(AuthorizerEvent.Build(authorizer, request, match, Local, ["x", "y"]))!.AsObject();

        Assert.Equal(("1.0", "x,y", "x,y"), (e["version"]!.GetValue<string>(), e["identitySource"]!.GetValue<string>(), e["authorizationToken"]!.GetValue<string>()));
        Assert.Equal("/items/{id}", e["resource"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("X-Key", "")]
    [InlineData("Other", "k")]
    public void A_missing_or_empty_identity_source_gives_no_values(string header, string value)
    {
        var authorizer = new AuthorizerDefinition("R", "F", AuthorizerPayload.Request, ["method.request.header.X-Key"], null, 300);

        Assert.Null(IdentitySources.Values(authorizer, Request("/prod/items/9", "", (header, value)), Match(Rest, "/items/{id}", "/prod/items/9")));
    }
}
