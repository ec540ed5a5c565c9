using Backend.Local.Gateway;
using Backend.Template;

namespace Backend.Local.Tests;

public sealed class RouteTableTests
{
    private static readonly ApiDefinition Rest = new("RestApi", ApiKind.Rest, "prod", new Dictionary<string, System.Text.Json.Nodes.JsonNode>(), []);
    private static readonly ApiDefinition Http = new("HttpApi", ApiKind.Http, "$default", new Dictionary<string, System.Text.Json.Nodes.JsonNode>(), []);

    private static RouteDefinition Route(ApiDefinition api, string method, string path, string function = "F") => new(function, path, api, method, path, null);

    private static readonly RouteTable Table = new(
    [
        Route(Rest, "POST", "/calc", "Post"),
        Route(Rest, "GET", "/calc", "Query"),
        Route(Rest, "GET", "/calc/{operand1}/{operand2}/{operator}", "Path"),
        Route(Rest, "GET", "/items/special", "Exact"),
        Route(Rest, "GET", "/items/{id}", "Param"),
        Route(Rest, "ANY", "/items/{proxy+}", "Proxy"),
        Route(Rest, "DELETE", "/items/{proxy+}", "ProxyDelete"),
        Route(Http, "GET", "/index", "Random"),
    ]);

    [Theory]
    [InlineData("POST", "/prod/calc", "Post")]
    [InlineData("POST", "/calc", "Post")]
    [InlineData("GET", "/calc", "Query")]
    [InlineData("GET", "/calc/", "Query")]
    [InlineData("GET", "/calc/1/2/%2F", "Path")]
    [InlineData("GET", "/items/special", "Exact")]
    [InlineData("GET", "/items/42", "Param")]
    [InlineData("GET", "/items/a/b/c", "Proxy")]
    [InlineData("PUT", "/prod/items/42", "Proxy")]
    [InlineData("DELETE", "/items/42/x", "ProxyDelete")]
    [InlineData("GET", "/index", "Random")]
    public void Exact_beats_parameter_beats_proxy_and_an_exact_method_beats_ANY(string method, string path, string function) =>
        Assert.Equal(function, Table.Match(method, path)!.Route.FunctionLogicalId);

    [Fact]
    public void Path_parameters_are_decoded_but_an_encoded_slash_stays_encoded()
    {
        var match = Table.Match("GET", "/prod/calc/1.5/%2B2/%2F")!;

        Assert.Equal(new Dictionary<string, string> { ["operand1"] = "1.5", ["operand2"] = "+2", ["operator"] = "%2F" }, match.PathParameters);
        Assert.Equal("prod", match.Stage);
        Assert.Equal("/calc/1.5/+2/%2F", match.Path);
    }

    [Fact]
    public void A_greedy_proxy_takes_the_rest_of_the_path()
    {
        Assert.Equal("a/b/c", Table.Match("GET", "/items/a/b/c")!.PathParameters["proxy"]);
        Assert.Null(Table.Match("GET", "/items")); // {proxy+} needs at least one segment
    }

    [Theory]
    [InlineData("PUT", "/calc")]
    [InlineData("GET", "/nothing")]
    [InlineData("GET", "/prod/index")]
    [InlineData("POST", "/index")]
    [InlineData("GET", "/calc/1/2")]
    public void What_no_route_serves_does_not_match(string method, string path) => Assert.Null(Table.Match(method, path));

    [Theory]
    [InlineData("/calc", true)]
    [InlineData("/prod/anything", true)]
    [InlineData("/nothing", false)]
    [InlineData("/index", false)]
    public void REST_paths_are_known_so_a_wrong_method_there_is_REST_403(string path, bool rest) => Assert.Equal(rest, Table.IsRestPath(path));
}
