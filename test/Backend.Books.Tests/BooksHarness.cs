using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.TestUtilities;

namespace Backend.Books.Tests;

/// <summary>One answer of the book API, with its headers looked up case-insensitively.</summary>
internal sealed record BooksResponse(int Status, IReadOnlyDictionary<string, string> Headers, string? Raw)
{
    public JsonNode? Body => Raw is null ? null : JsonNode.Parse(Raw);

    public string Message => Body!["message"]!.GetValue<string>();

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>Calls BooksFunction the way the runtime loop does, with REST proxy events built from events/books-*.json.</summary>
internal sealed class BooksHarness(IAmazonDynamoDB client, string tableName, string allowedOrigin = "*")
{
    public BooksFunction Function { get; } = new(client, tableName, allowedOrigin);

    public TestLambdaContext Context { get; } = new();

    public IAmazonDynamoDB Client { get; } = client;

    public string TableName { get; } = tableName;

    /// <summary>A books table of its own (key id, as the template's) in the shared DynamoDB Local.</summary>
    public static async Task<BooksHarness> NewTableAsync(string allowedOrigin = "*")
    {
        var local = await SharedDynamoDbLocal.GetAsync();
        var table = "books-" + Guid.NewGuid().ToString("N");
        await local.CreateTableAsync(SharedDynamoDbLocal.TableNamed(table));
        return new BooksHarness(local.CreateClient(), table, allowedOrigin);
    }

    /// <summary>A client that can never reach DynamoDB (connection refused at once).</summary>
    public static BooksHarness Offline() => new(
        new AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials("x", "x"),
            new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9", AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 }),
        "books");

    /// <summary>A REST proxy event for <paramref name="method"/> on /books or /books/{id}, as API Gateway sends it.</summary>
    public static JsonObject Event(string method, string? id = null, string? body = null,
        IReadOnlyDictionary<string, string>? headers = null, IReadOnlyDictionary<string, string>? query = null)
    {
        var evt = JsonNode.Parse(RepositoryFiles.ReadEvent(id is null ? "books-list.json" : "books-get.json"))!.AsObject();
        evt["httpMethod"] = method;
        evt["requestContext"]!["httpMethod"] = method;
        if (id is not null)
        {
            var escaped = Uri.EscapeDataString(id);
            evt["path"] = "/books/" + escaped;
            evt["requestContext"]!["path"] = "/prod/books/" + escaped;
            evt["pathParameters"] = new JsonObject { ["id"] = id };
        }
        var allHeaders = evt["headers"]!.AsObject();
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) allHeaders[name] = value;
        evt["multiValueHeaders"] = new JsonObject(allHeaders.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)new JsonArray(h.Value!.DeepClone()))));
        evt["queryStringParameters"] = query is null ? null : new JsonObject(query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value)));
        evt["multiValueQueryStringParameters"] = query is null ? null : new JsonObject(query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)new JsonArray(q.Value))));
        evt["body"] = body;
        return evt;
    }

    public Task<BooksResponse> SendAsync(string method, string? id = null, string? body = null,
        IReadOnlyDictionary<string, string>? headers = null, IReadOnlyDictionary<string, string>? query = null) =>
        SendEventAsync(Event(method, id, body, headers, query).ToJsonString());

    public Task<BooksResponse> PostAsync(JsonNode book) => SendAsync("POST", body: book.ToJsonString());

    public Task<BooksResponse> PutAsync(string id, JsonNode book, string? ifMatch = null) =>
        SendAsync("PUT", id, book.ToJsonString(), ifMatch is null ? null : new Dictionary<string, string> { ["If-Match"] = ifMatch });

    /// <summary>Runs an event through the handler and checks what every answer carries.</summary>
    public async Task<BooksResponse> SendEventAsync(string eventJson)
    {
        var output = await Function.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(eventJson)), Context);
        var response = JsonSerializer.Deserialize(output, ApiGatewayJsonContext.Default.APIGatewayProxyResponse)!;
        var headers = new Dictionary<string, string>(response.Headers!, StringComparer.OrdinalIgnoreCase);
        Assert.True(headers.ContainsKey("Access-Control-Allow-Origin"), "every answer carries Access-Control-Allow-Origin");
        if (response.StatusCode is 204 or 304)
        {
            Assert.Null(response.Body);
            Assert.False(headers.ContainsKey("Content-Type"));
        }
        else
        {
            Assert.Equal("application/json", headers["Content-Type"]);
            Assert.DoesNotContain("   at ", response.Body!);
            JsonNode.Parse(response.Body!);
        }
        return new BooksResponse(response.StatusCode, headers, response.Body);
    }

    public static JsonObject NewBook(string title = "Dune", string author = "Frank Herbert") =>
        new() { ["title"] = title, ["author"] = author };
}
