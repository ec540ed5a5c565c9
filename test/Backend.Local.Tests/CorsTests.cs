using System.Net;
using Backend.Local.Hosting;
using Backend.Lambda.TestUtilities;

namespace Backend.Local.Tests;

/// <summary>
/// SAM's Cors (cors-template.yaml): API Gateway answers OPTIONS on every path of the API from a MOCK integration,
/// with exactly the headers aws-sam-translator writes into it (the expectations below are the responseParameters
/// its expansion of cors-template.yaml gives), and leaves the functions' own answers as they are.
/// </summary>
[Collection("cors server")]
public sealed class CorsTests(CorsServerFixture fixture)
{
    private const string Signature = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd";

    private Task<(HttpStatusCode Status, string Body, Dictionary<string, string> Headers)> SendAsync(HttpMethod method, string path, params (string Name, string Value)[] headers) =>
        CorsExchange.SendAsync(fixture.Api, method, path, null, headers);

    private static Dictionary<string, string> Cors(Dictionary<string, string> headers) => CorsExchange.Cors(headers);

    [Theory]
    [InlineData("/prod/items")]
    [InlineData("/items")]
    [InlineData("/prod/items/01JBOOK")]
    [InlineData("/items/any-id/")]
    public async Task A_preflight_gets_every_configured_header_and_no_function_runs(string path)
    {
        var (status, body, headers) = await SendAsync(HttpMethod.Options, path, ("Origin", "https://books.example.com"), ("Access-Control-Request-Method", "PUT"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{}", body);
        Assert.Equal(new Dictionary<string, string>
        {
            ["Access-Control-Allow-Origin"] = "https://books.example.com",
            ["Access-Control-Allow-Methods"] = "GET,POST,OPTIONS",
            ["Access-Control-Allow-Headers"] = "Content-Type,If-Match",
            ["Access-Control-Max-Age"] = "600",
            ["Access-Control-Allow-Credentials"] = "true",
        }, Cors(headers));
        Assert.Equal("application/json", headers["Content-Type"]);
        Assert.True(headers.ContainsKey("x-amzn-RequestId"));
        // /items/{id} is served by a function whose every invocation fails: a 200 proves none ran.
        Assert.Empty(fixture.Server.Functions.Find("NeverRuns")?.ProcessIds ?? []);
    }

    [Fact]
    public async Task The_mock_answers_whatever_the_origin_and_requested_method_as_API_Gateway_does()
    {
        var (status, _, headers) = await SendAsync(HttpMethod.Options, "/prod/items", ("Origin", "https://evil.example"), ("Access-Control-Request-Method", "DELETE"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("https://books.example.com", headers["Access-Control-Allow-Origin"]);
    }

    [Theory]
    [InlineData("/wild/plain", "DELETE,GET,OPTIONS")]
    [InlineData("/plain", "DELETE,GET,OPTIONS")]
    [InlineData("/wild/any/a/b/c", "DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT")]
    public async Task The_string_form_allows_any_origin_and_the_paths_own_methods(string path, string methods)
    {
        var (status, body, headers) = await SendAsync(HttpMethod.Options, path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{}", body);
        Assert.Equal(new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*", ["Access-Control-Allow-Methods"] = methods }, Cors(headers));
    }

    [Fact]
    public async Task A_path_whose_OPTIONS_is_a_route_goes_to_its_function()
    {
        var (status, body, headers) = await SendAsync(HttpMethod.Options, "/prod/own");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"httpMethod\":\"OPTIONS\"", body);
        Assert.Empty(Cors(headers));
    }

    [Fact]
    public async Task The_functions_answers_get_no_CORS_header_from_the_gateway()
    {
        var (status, body, headers) = await SendAsync(HttpMethod.Get, "/prod/items", ("Origin", "https://books.example.com"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"resource\":\"/items\"", body);
        Assert.Empty(Cors(headers));
    }

    [Fact]
    public async Task Stage_variables_from_the_template_reach_the_functions_event()
    {
        // PlainApi's Variables (cors-template.yaml); CorsApi sets none, so its events keep "stageVariables": null.
        var (status, body, _) = await SendAsync(HttpMethod.Get, "/plain/nocors");
        var (_, withoutBody, _) = await SendAsync(HttpMethod.Get, "/prod/items");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"stageVariables\":{\"alias\":\"live\",\"region\":\"us-east-1\"}", body);
        Assert.Contains("\"stageVariables\":null", withoutBody);
    }

    [Theory]
    [InlineData("/plain/nocors")]
    [InlineData("/nocors")]
    [InlineData("/prod/nowhere")]
    [InlineData("/prod/items/1/2")]
    public async Task Without_Cors_or_a_path_OPTIONS_is_an_unmatched_route_as_before(string path)
    {
        var (status, body, headers) = await SendAsync(HttpMethod.Options, path);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", body);
        Assert.Empty(Cors(headers));
    }

    [Fact]
    public async Task Under_AWS_IAM_the_preflight_needs_a_signature_unless_the_template_leaves_it_open()
    {
        var unsigned = await SendAsync(HttpMethod.Options, "/signed/signed");
        var signed = await SendAsync(HttpMethod.Options, "/signed/signed", ("Authorization", Signature), ("X-Amz-Date", "20260101T000000Z"));
        var open = await SendAsync(HttpMethod.Options, "/open/signed-open");
        var openRoute = await SendAsync(HttpMethod.Get, "/open/signed-open");

        Assert.Equal((HttpStatusCode.Forbidden, """{"message":"Missing Authentication Token"}"""), (unsigned.Status, unsigned.Body));
        Assert.Equal((HttpStatusCode.OK, "GET,OPTIONS"), (signed.Status, signed.Headers["Access-Control-Allow-Methods"]));
        Assert.Equal((HttpStatusCode.OK, "*"), (open.Status, open.Headers["Access-Control-Allow-Origin"]));
        Assert.Equal(HttpStatusCode.Forbidden, openRoute.Status);
    }
}

/// <summary>
/// template.yaml's own Cors on the REST API. No function runs for a preflight, so only Calc is started: this holds
/// before BooksFunction is built.
/// </summary>
public sealed class RepositoryCorsTests : IAsyncLifetime
{
    private LocalServer _server = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        var template = TemplateFile.Load(RepositoryFiles.PathOf("template.yaml"));
        _server = await LocalServer.StartAsync(new LocalServerOptions
        {
            Template = template,
            ApiPort = 0,
            LambdaPort = 0,
            InMemory = true,
            Assemblies = new Dictionary<string, string> { ["CalcFunction"] = Path.Combine(AppContext.BaseDirectory, "Backend.Calc.dll") },
            OnlyFunctions = ["CalcFunction"],
            Console = TextWriter.Null,
        });
        _api = new HttpClient { BaseAddress = _server.ApiUrl };
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("/prod/books")]
    [InlineData("/prod/books/01JABCDEFGHJKMNPQRSTVWXYZ0")]
    [InlineData("/prod/calc")]
    [InlineData("/prod/DynamoDBManager")]
    public async Task Every_REST_path_answers_the_preflight_with_the_templates_CORS(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", "https://books.example.com");
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,if-match");
        using var response = await _api.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("GET,POST,PUT,DELETE,OPTIONS", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("Content-Type,If-Match,If-None-Match,Authorization,X-Amz-Date,X-Api-Key", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.Equal("600", response.Headers.GetValues("Access-Control-Max-Age").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task The_HTTP_API_has_no_Cors_and_answers_OPTIONS_as_before()
    {
        using var response = await _api.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/index"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
