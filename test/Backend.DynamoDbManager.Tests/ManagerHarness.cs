using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.TestUtilities;

namespace Backend.DynamoDbManager.Tests;

/// <summary>Calls DynamoDbManagerFunction the way the runtime loop does, through API Gateway events or directly.</summary>
internal sealed class ManagerHarness(IAmazonDynamoDB client, string tableName)
{
    public DynamoDbManagerFunction Function { get; } = new(client, tableName);

    public TestLambdaContext Context { get; } = new();

    public static async Task<ManagerHarness> LocalAsync(string? tableName = null)
    {
        var local = await SharedDynamoDbLocal.GetAsync();
        return new ManagerHarness(local.CreateClient(), tableName ?? SharedDynamoDbLocal.ItemsTable.TableName);
    }

    /// <summary>A client that can never reach DynamoDB: for checks that must fail before any call.</summary>
    public static ManagerHarness Offline() => new(
        new AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials("x", "x"),
            new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9", AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 }),
        "lambda-apigateway");

    /// <summary>POSTs a body to /DynamoDBManager through a REST proxy event; returns status and parsed body.</summary>
    public async Task<(int Status, JsonNode? Body, string Raw)> PostAsync(string body)
    {
        var evt = JsonNode.Parse(RepositoryFiles.ReadEvent("dynamodb-create.json"))!.AsObject();
        evt["body"] = body;
        return await SendAsync(evt.ToJsonString());
    }

    public Task<(int Status, JsonNode? Body, string Raw)> PostAsync(JsonNode body) => PostAsync(body.ToJsonString());

    public async Task<(int Status, JsonNode? Body, string Raw)> SendAsync(string eventJson)
    {
        var output = await Function.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(eventJson)), Context);
        var response = JsonSerializer.Deserialize(output, ApiGatewayJsonContext.Default.APIGatewayProxyResponse)!;
        Assert.Equal("application/json", response.Headers!["Content-Type"]);
        return (response.StatusCode, JsonNode.Parse(response.Body!), response.Body!);
    }

    /// <summary>A direct invocation: the raw result JSON (or the exception the runtime would report).</summary>
    public async Task<string> InvokeDirectAsync(string eventJson)
    {
        var output = await Function.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(eventJson)), Context);
        return await new StreamReader(output).ReadToEndAsync();
    }

    public static string NewId() => "test-" + Guid.NewGuid().ToString("N");

    public static JsonObject Request(string operation, JsonNode? payload, string? tableName = "lambda-apigateway")
    {
        var request = new JsonObject { ["operation"] = operation };
        if (tableName is not null) request["tableName"] = tableName;
        if (payload is not null) request["payload"] = payload;
        return request;
    }
}
