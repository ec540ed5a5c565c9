using System.Text.Json;
using System.Text.Json.Nodes;
using Backend.Lambda.TestUtilities;
using Backend.Local.Hosting;

namespace Backend.Local.Tests;

/// <summary>
/// `generate-event apigateway aws-proxy|http-api-proxy`: the event the local API Gateway would send, shaped as the
/// checked-in files of events/ are, and accepted by invoke through standard input.
/// </summary>
public sealed class GenerateEventTests
{
    private static readonly string Template = RepositoryFiles.PathOf("template.yaml");

    /// <summary>Maps whose entries depend on the request (which headers a client sent): only their kind is compared.</summary>
    private static readonly string[] RequestMaps = ["headers", "multiValueHeaders"];

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await Cli.RunAsync(args, output, error, new StringReader(input));
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task<JsonObject> GenerateAsync(params string[] args)
    {
        var (exit, output, error) = await RunAsync("", ["generate-event", "apigateway", .. args, "--template", Template]);
        Assert.True(exit == 0, error);
        return JsonNode.Parse(output)!.AsObject();
    }

    [Theory]
    [InlineData("calc-get-path.json", "aws-proxy --method GET --path /calc/1/2/+ --body")]
    [InlineData("calc-get-query.json", "aws-proxy --method GET --path /calc?operand1=1&operand2=2&operator=%2B --body")]
    [InlineData("calc-post.json", "aws-proxy --method POST --path /prod/calc --body {\"a\":1,\"b\":2,\"op\":\"+\"}")]
    [InlineData("books-get.json", "aws-proxy --method get --path books/01JH8ZQ4R3T5V7W9X1Y2Z3A4B5 --stage prod --body")]
    [InlineData("random-get.json", "http-api-proxy --method GET --path /index --body")]
    public async Task A_generated_event_has_the_shape_and_request_values_of_the_checked_in_file(string file, string args)
    {
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("events/" + file)))!.AsObject();
        // A trailing --body means no body ("" cannot travel through InlineData's split).
        var parts = args.Split(' ').ToList();
        if (parts[^1] == "--body") parts.Add("");

        var generated = await GenerateAsync([.. parts]);

        AssertSameShape(expected, generated, "$");
        foreach (var key in new[] { "resource", "path", "httpMethod", "pathParameters", "queryStringParameters", "multiValueQueryStringParameters", "routeKey", "rawPath", "rawQueryString", "isBase64Encoded" })
            Assert.True(JsonNode.DeepEquals(expected[key], generated[key]), $"{key}: {expected[key]?.ToJsonString()} != {generated[key]?.ToJsonString()}");
        foreach (var key in new[] { "stage", "resourcePath", "path", "httpMethod", "routeKey" })
            Assert.True(JsonNode.DeepEquals(expected["requestContext"]![key], generated["requestContext"]![key]), $"requestContext.{key}");
        if (expected["body"] is { } body)
            Assert.Equal(JsonNode.Parse(body.GetValue<string>())!.ToJsonString(), JsonNode.Parse(generated["body"]!.GetValue<string>())!.ToJsonString());
        else
            Assert.Null(generated["body"]);
    }

    [Fact]
    public async Task SAM_CLIs_defaults_are_a_POST_with_its_test_body()
    {
        // The template has no route for SAM's default path/to/resource: the command names the routes it has.
        var (exit, _, error) = await RunAsync("", "generate-event", "apigateway", "aws-proxy", "--template", Template);
        var generated = await GenerateAsync("aws-proxy", "--path", "/calc");

        Assert.Equal(2, exit);
        Assert.Equal("error: POST /path/to/resource matches no route of the template's REST APIs (AWS::Serverless::Api): POST /calc, GET /calc, "
            + "GET /calc/{operand1}/{operand2}/{operator}, POST /DynamoDBManager, GET /books, POST /books, GET /books/{id}, PUT /books/{id}, DELETE /books/{id}", error.Trim());
        Assert.Equal("POST", generated["httpMethod"]!.GetValue<string>());
        Assert.Equal("""{"test":"body"}""", generated["body"]!.GetValue<string>());
        Assert.Equal("application/json", generated["headers"]!["Content-Type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_generated_event_piped_to_invoke_gets_the_functions_answer()
    {
        var (_, generated, _) = await RunAsync("", "generate-event", "apigateway", "aws-proxy", "--method", "GET", "--path", "/calc/6/7/*", "--body", "", "--template", Template);

        var (exit, output, error) = await RunAsync(generated, "invoke", "CalcFunction", "--event", "-", "--template", Template, "--artifacts", AppContext.BaseDirectory, "--in-memory");

        Assert.True(exit == 0, error);
        var response = JsonNode.Parse(output)!;
        Assert.Equal(200, response["statusCode"]!.GetValue<int>());
        Assert.Equal("""{"input":{"a":6,"b":7,"op":"*"},"output":{"c":42}}""", response["body"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("s3 put", "error: generate-event makes apigateway aws-proxy and apigateway http-api-proxy events, not s3 put")]
    [InlineData("apigateway authorizer", "error: generate-event makes apigateway aws-proxy and apigateway http-api-proxy events, not apigateway authorizer")]
    [InlineData("apigateway http-api-proxy --path /calc", "error: POST /calc matches no route of the template's HTTP APIs (AWS::Serverless::HttpApi): GET /index")]
    [InlineData("apigateway aws-proxy --path /calc --stage beta", "error: POST /calc is served by RestApi, whose stage is prod, not beta")]
    [InlineData("apigateway aws-proxy --path /calc --resource /{proxy+}", "error: POST /calc is served by the resource /calc, not /{proxy+}")]
    public async Task What_it_cannot_generate_is_one_line_and_exit_2(string args, string line)
    {
        var (exit, output, error) = await RunAsync("", ["generate-event", .. args.Split(' '), "--template", Template]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Equal(line, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task An_unknown_kind_through_the_real_command_line_is_exit_2()
    {
        var (exit, error) = await EmulatorProcess.RunAsync("generate-event", "apigateway", "websocket", "--template", Template);

        Assert.True(exit == 2, $"exit {exit}:\n{error}");
        Assert.StartsWith("error: generate-event makes apigateway aws-proxy", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>Same keys and the same kind of value at every level, except inside maps a request fills as it likes.</summary>
    private static void AssertSameShape(JsonNode? expected, JsonNode? actual, string where)
    {
        Assert.True(Kind(expected) == Kind(actual), $"{where}: {Kind(expected)} in the file, {Kind(actual)} generated");
        if (expected is not JsonObject e || actual is not JsonObject a || RequestMaps.Any(m => where.EndsWith("." + m, StringComparison.Ordinal))) return;
        Assert.True(e.Select(p => p.Key).Order().SequenceEqual(a.Select(p => p.Key).Order()),
            $"{where}: keys {string.Join(",", e.Select(p => p.Key).Order())} in the file, {string.Join(",", a.Select(p => p.Key).Order())} generated");
        foreach (var (key, value) in e) AssertSameShape(value, a[key], $"{where}.{key}");
    }

    private static JsonValueKind Kind(JsonNode? node) => node switch
    {
        null => JsonValueKind.Null,
        JsonObject => JsonValueKind.Object,
        JsonArray => JsonValueKind.Array,
        _ => node.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? JsonValueKind.True : node.GetValueKind(),
    };
}
