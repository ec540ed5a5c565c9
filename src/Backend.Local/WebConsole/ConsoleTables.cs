using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Backend.DynamoDbLocal;
using Backend.DynamoDbManager;
using Backend.Local.Http;

namespace Backend.Local.WebConsole;

/// <summary>
/// The DynamoDB view: DynamoDB Local's tables with their item counts, their items page by page, and an item looked
/// up, put or deleted by key. Items are plain JSON both ways, converted as DynamoDBManager converts them.
/// </summary>
internal sealed class ConsoleTables(Func<DynamoDbLocalServer?> dynamoDb)
{
    private AmazonDynamoDBClient? _client;

    private AmazonDynamoDBClient? Client => _client ??= dynamoDb()?.CreateClient();

    public async Task<HttpReply> ListAsync(CancellationToken cancellationToken) => await AnsweredAsync(async client =>
    {
        var tables = new JsonArray();
        string? start = null;
        do
        {
            var page = await client.ListTablesAsync(new ListTablesRequest { ExclusiveStartTableName = start }, cancellationToken);
            foreach (var name in page.TableNames ?? [])
            {
                var table = (await client.DescribeTableAsync(name, cancellationToken)).Table;
                var count = await client.ScanAsync(new ScanRequest { TableName = name, Select = Select.COUNT }, cancellationToken);
                tables.Add((JsonNode)new JsonObject
                {
                    ["name"] = name,
                    ["key"] = new JsonArray([.. table.KeySchema.Select(k => (JsonNode)new JsonObject
                    {
                        ["name"] = k.AttributeName,
                        ["type"] = table.AttributeDefinitions.FirstOrDefault(a => a.AttributeName == k.AttributeName)?.AttributeType?.Value,
                        ["keyType"] = k.KeyType.Value,
                    })]),
                    // A count of the first 1 MB scanned: exact for a local table of tutorial size.
                    ["itemCount"] = count.Count,
                });
            }
            start = page.LastEvaluatedTableName;
        }
        while (start is not null);
        return new JsonObject { ["tables"] = tables };
    }, cancellationToken);

    public async Task<HttpReply> ItemsAsync(string table, string? limitText, string? next, CancellationToken cancellationToken) => await AnsweredAsync(async client =>
    {
        var limit = int.TryParse(limitText, out var l) ? Math.Clamp(l, 1, 100) : 25;
        var scan = new ScanRequest { TableName = table, Limit = limit };
        if (next is { Length: > 0 }) scan.ExclusiveStartKey = FromToken(next);
        var page = await client.ScanAsync(scan, cancellationToken);
        return new JsonObject
        {
            ["items"] = new JsonArray([.. (page.Items ?? []).Select(i => (JsonNode)Plain(i)!)]),
            ["next"] = page.LastEvaluatedKey is { Count: > 0 } last ? ToToken(last) : null,
        };
    }, cancellationToken);

    public async Task<HttpReply> GetAsync(string table, byte[]? key, CancellationToken cancellationToken) => await AnsweredAsync(async client =>
    {
        var item = await client.GetItemAsync(new GetItemRequest { TableName = table, Key = Map(key), ConsistentRead = true }, cancellationToken);
        return new JsonObject { ["item"] = item.IsItemSet ? Plain(item.Item) : null };
    }, cancellationToken);

    public async Task<HttpReply> PutAsync(string table, byte[]? item, CancellationToken cancellationToken) => await AnsweredAsync(async client =>
    {
        var map = Map(item);
        await client.PutItemAsync(new PutItemRequest { TableName = table, Item = map }, cancellationToken);
        return new JsonObject { ["item"] = Plain(map) };
    }, cancellationToken);

    public async Task<HttpReply> DeleteAsync(string table, byte[]? key, CancellationToken cancellationToken) => await AnsweredAsync(async client =>
    {
        await client.DeleteItemAsync(new DeleteItemRequest { TableName = table, Key = Map(key) }, cancellationToken);
        return new JsonObject { ["deleted"] = true };
    }, cancellationToken);

    /// <summary>Runs a DynamoDB call; what DynamoDB refuses (a missing key, a wrong type, no such table) is the user's 400, with DynamoDB's words.</summary>
    private async Task<HttpReply> AnsweredAsync(Func<AmazonDynamoDBClient, Task<JsonObject>> call, CancellationToken cancellationToken)
    {
        if (Client is not { } client)
        {
            return ConsoleJson.Ok(new JsonObject { ["tables"] = new JsonArray(), ["message"] = "DynamoDB Local is not running: the template defines no table" });
        }
        try
        {
            return ConsoleJson.Ok(await call(client));
        }
        catch (ResourceNotFoundException e)
        {
            return ConsoleJson.Error(404, e.Message);
        }
        catch (AmazonDynamoDBException e) when ((int)e.StatusCode is >= 400 and < 500)
        {
            return ConsoleJson.Error(400, e.Message);
        }
        catch (ManagerException e)
        {
            return ConsoleJson.Error(400, e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or Amazon.Runtime.AmazonServiceException && !cancellationToken.IsCancellationRequested)
        {
            return ConsoleJson.Error(503, $"DynamoDB Local did not answer: {e.Message}");
        }
    }

    /// <summary>A request body that must be a JSON object, as an attribute map (DynamoDBManager's conversion).</summary>
    private static Dictionary<string, AttributeValue> Map(byte[]? body)
    {
        try
        {
            using var document = JsonDocument.Parse(body ?? []);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new BadRequestException("An item or a key is a JSON object, such as {\"id\": \"1\"}");
            return AttributeValueJson.ToAttributeMap(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new BadRequestException($"Not valid JSON: {e.Message}");
        }
    }

    private static JsonNode? Plain(Dictionary<string, AttributeValue> item)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) AttributeValueJson.WriteAttributeMap(writer, item);
        return JsonNode.Parse(buffer.ToArray());
    }

    /// <summary>A page's LastEvaluatedKey as an opaque token (base64url of the key as plain JSON), and back.</summary>
    private static string ToToken(Dictionary<string, AttributeValue> key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Plain(key)!.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Dictionary<string, AttributeValue> FromToken(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            return Map(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
        }
        catch (FormatException)
        {
            throw new BadRequestException("The page token is not one this console gave");
        }
    }
}
