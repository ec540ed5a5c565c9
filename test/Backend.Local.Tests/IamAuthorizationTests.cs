using System.Net;
using System.Text;
using System.Text.Json;
using Backend.Local.Hosting;
using Backend.Lambda.TestUtilities;

namespace Backend.Local.Tests;

/// <summary>template.yaml with ApiAuth=AWS_IAM: the REST routes refuse unsigned requests as API Gateway does.</summary>
public sealed class IamAuthorizationTests : IAsyncLifetime
{
    private LocalServer _server = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        var template = TemplateFile.Load(RepositoryFiles.PathOf("template.yaml"), new Dictionary<string, string> { ["ApiAuth"] = "AWS_IAM" });
        _server = await LocalServer.StartAsync(new LocalServerOptions
        {
            Template = template,
            ApiPort = 0,
            LambdaPort = 0,
            InMemory = true,
            Assemblies = Prebuilt.Find(template.Model, AppContext.BaseDirectory),
            OnlyFunctions = ["CalcFunction", "RandomNumberFunction"],
            Console = TextWriter.Null,
        });
        _api = new HttpClient { BaseAddress = _server.ApiUrl };
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _server.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostCalcAsync(params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/prod/calc") { Content = new StringContent("""{"a":1,"b":2,"op":"+"}""", Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        var response = await _api.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task An_unsigned_request_is_403_Missing_Authentication_Token()
    {
        var (status, body, response) = await PostCalcAsync();

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"message":"Missing Authentication Token"}""", body);
        Assert.Equal("MissingAuthenticationTokenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task A_bearer_token_is_not_a_signature_and_the_answer_says_what_is_missing()
    {
        var (status, body, _) = await PostCalcAsync(("Authorization", "Bearer abc"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        var message = JsonDocument.Parse(body).RootElement.GetProperty("message").GetString()!;
        Assert.StartsWith("Authorization header requires the AWS4-HMAC-SHA256 algorithm. Authorization header requires 'Credential' parameter.", message);
        Assert.EndsWith("Authorization=Bearer abc", message);
    }

    [Fact]
    public async Task A_SigV4_shaped_request_reaches_the_function_and_the_HTTP_API_stays_open()
    {
        var (status, body, _) = await PostCalcAsync(
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd"),
            ("X-Amz-Date", "20261121T000000Z"));
        var random = await _api.GetAsync("/index");

        Assert.Equal((HttpStatusCode.OK, """{"a":1,"b":2,"op":"+","c":3}"""), (status, body));
        Assert.Equal(HttpStatusCode.OK, random.StatusCode);
    }
}
