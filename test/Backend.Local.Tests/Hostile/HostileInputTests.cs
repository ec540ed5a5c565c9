using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Backend.Local.Gateway;

namespace Backend.Local.Tests.Hostile;

/// <summary>
/// The hostile-input corpus through the emulator and the real function processes. Besides its own expected
/// status and message, every case must leave no 5xx, no stack trace or internal type name in the body, no
/// crashed function instance and the sentinel item exactly as it was.
/// </summary>
/// <remarks>Runs against the managed build (<see cref="HostileInputTestsManaged"/>) and the Native AOT one (<see cref="HostileInputTestsNative"/>).</remarks>
public abstract class HostileInputTests(ServerFixture fixture)
{
    public static TheoryData<string> Cases => [.. HostileCorpus.All.Keys];

    /// <summary>The item the corpus's update, delete and injection cases aim at; it must never change.</summary>
    private static readonly Dictionary<string, AttributeValue> Sentinel = new()
    {
        ["id"] = new AttributeValue { S = "hostile-sentinel" },
        ["owner"] = new AttributeValue { S = "alice" },
        ["count"] = new AttributeValue { N = "1" },
        ["secret"] = new AttributeValue { S = "s3cr3t" },
    };

    /// <summary>Every route and function of template.yaml, as the emulator reads it: a new route without hostile cases fails here.</summary>
    [Fact]
    public void The_corpus_has_at_least_300_cases_for_every_route_and_direct_invocation()
    {
        var all = HostileCorpus.All.Values.ToList();
        Assert.True(all.Count >= 300, $"{all.Count} cases");
        var routes = new RouteTable(fixture.Server.Template.Routes);
        Assert.NotEmpty(routes.Routes);
        foreach (var route in routes.Routes)
        {
            var cases = all.Count(c => c.Path is { } path
                && routes.Match(c.Method, path.Split('?')[0]) is { } match && match.Route == route);
            Assert.True(cases >= 10, $"{route.Method} {route.Path}: {cases} cases");
        }
        foreach (var function in fixture.Server.Template.Functions)
            Assert.True(all.Count(c => c.Invoke == function.LogicalId) >= 5, function.LogicalId);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_request_gets_its_documented_answer_and_harms_nothing(string id)
    {
        var test = HostileCorpus.All[id];
        using var dynamoDb = CreateDynamoDbClient();
        await dynamoDb.PutItemAsync(new PutItemRequest { TableName = "lambda-apigateway", Item = Sentinel });
        var processesBefore = fixture.Server.Functions.Pools.SelectMany(p => p.ProcessIds).ToHashSet();

        var (status, body, functionError) = await SendAsync(test);

        Assert.True(status < 500, $"{status}: {Shorten(body)}");
        Assert.DoesNotMatch(@"\bat [A-Z][\w.]+\.\w+\(|\b(System|Amazon|Microsoft|Backend)\.[A-Z]\w*", body);
        Expect(test.Expect, status, body, functionError);
        var processesAfter = fixture.Server.Functions.Pools.SelectMany(p => p.ProcessIds).ToHashSet();
        Assert.True(processesBefore.IsSubsetOf(processesAfter), "a function instance died");
        var item = (await dynamoDb.GetItemAsync(new GetItemRequest { TableName = "lambda-apigateway", Key = new() { ["id"] = Sentinel["id"] }, ConsistentRead = true })).Item;
        Assert.Equal(Describe(Sentinel), Describe(item));
    }

    private static void Expect(HostileExpectation expect, int status, string body, string? functionError)
    {
        Assert.True(expect.Status == status, $"expected {expect.Status}, got {status}: {Shorten(body)}");
        if (expect.Bare)
        {
            Assert.Equal("", body);
            return;
        }
        if (expect.BodyContains is { } part)
        {
            Assert.Contains(part, body);
            return;
        }
        if (expect.BodyEquals is { } exact)
        {
            Assert.Equal(Compact(exact), Compact(body));
            return;
        }
        var expectsMessage = expect.Message ?? expect.MessageStartsWith ?? expect.MessageContains;
        if (expectsMessage is null && status < 400) return;
        // Every refusal says why, as JSON.
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var message = (root.TryGetProperty("message", out var m) || root.TryGetProperty("Message", out m) || root.TryGetProperty("errorMessage", out m)) ? m.GetString() : null;
        Assert.True(message is not null, $"no message in {Shorten(body)}");
        if (expect.Message is { } equal) Assert.Equal(equal, message);
        if (expect.MessageStartsWith is { } start) Assert.StartsWith(start, message);
        if (expect.MessageContains is { } contained) Assert.Contains(contained, message);
        if (expect.ErrorType is { } errorType)
        {
            Assert.Equal("Unhandled", functionError);
            Assert.Equal(errorType, root.GetProperty("errorType").GetString());
        }
        else
        {
            Assert.Null(functionError);
        }
    }

    private async Task<(int Status, string Body, string? FunctionError)> SendAsync(HostileCase test)
    {
        var client = test.Invoke is null ? fixture.Api : fixture.Lambda;
        var target = test.Invoke is { } function ? $"/2015-03-31/functions/{function}/invocations" : test.Path!;
        // Sent verbatim: no dot-segment removal or unescaping, so path tricks reach the emulator as written.
        var uri = new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(new HttpMethod(test.Method), uri);
        if (test.Body is { } body) request.Content = new ByteArrayContent(body);
        foreach (var (name, value) in test.Headers)
        {
            if (name.StartsWith("content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await client.SendAsync(request);
        var functionError = response.Headers.TryGetValues("X-Amz-Function-Error", out var values) ? values.Single() : null;
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), functionError);
    }

    private AmazonDynamoDBClient CreateDynamoDbClient() => new(new BasicAWSCredentials("local", "local"),
        new AmazonDynamoDBConfig { ServiceURL = fixture.Server.DynamoDbEndpoint!.ToString(), AuthenticationRegion = "us-east-1" });

    private static string Describe(Dictionary<string, AttributeValue> item) =>
        string.Join(", ", item.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value.S ?? a.Value.N}"));

    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.RootElement.WriteTo(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";
}

[Collection("repository server")]
public sealed class HostileInputTestsManaged(RepositoryServerFixture fixture) : HostileInputTests(fixture);

[Collection("native server")]
public sealed class HostileInputTestsNative(NativeServerFixture fixture) : HostileInputTests(fixture);
