using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.Serialization;

namespace Backend.DynamoDbManager;

/// <summary>The tutorial's operations on the one served table; each returns its JSON result.</summary>
internal sealed class Operations(IAmazonDynamoDB dynamoDb, string tableName)
{
    public const string Supported = "create, read, update, delete, list, echo, ping";

    private static readonly string[] CreateParameters = ["Item", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues"];
    private static readonly string[] ReadParameters = ["Key", "ProjectionExpression", "ExpressionAttributeNames", "ConsistentRead"];
    private static readonly string[] UpdateParameters = ["Key", "UpdateExpression", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues"];
    private static readonly string[] DeleteParameters = ["Key", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "ReturnValues"];
    private static readonly string[] ListParameters = ["FilterExpression", "ProjectionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues", "Limit", "ExclusiveStartKey", "ConsistentRead", "Select"];

    public async Task<string> ExecuteAsync(ManagerRequest request, CancellationToken cancellationToken)
    {
        CheckTable(request.TableName);
        switch (request.Operation)
        {
            case "echo":
                // Re-written compactly; values (numbers included) are kept exactly as sent.
                return request.Payload is { } echoed ? JsonBytes.WriteString(echoed.WriteTo) : throw new BadRequestException("payload is required for echo");
            case "ping":
                return "\"pong\"";
            case "create":
                return await CreateAsync(Reader(request, CreateParameters), cancellationToken);
            case "read":
                return await ReadAsync(Reader(request, ReadParameters), cancellationToken);
            case "update":
                return await UpdateAsync(Reader(request, UpdateParameters), cancellationToken);
            case "delete":
                return await DeleteAsync(Reader(request, DeleteParameters), cancellationToken);
            case "list":
                return await ListAsync(Reader(request, ListParameters), cancellationToken);
            default:
                throw new BadRequestException($"Unknown operation: {request.Operation} (supported: {Supported})");
        }
    }

    /// <summary>
    /// Only the served table is ever sent to DynamoDB. Names compare exactly: DynamoDB Local treats
    /// names case-insensitively, DynamoDB does not, and an ARN or a variant is still another name.
    /// </summary>
    private void CheckTable(string? requested)
    {
        if (requested is not null && requested != tableName)
            throw new ForbiddenException($"table '{requested}' is not served here");
    }

    private PayloadReader Reader(ManagerRequest request, string[] supported)
    {
        var reader = new PayloadReader(request.Operation, request.Payload, supported);
        CheckTable(reader.TableName);
        return reader;
    }

    private async Task<string> CreateAsync(PayloadReader p, CancellationToken ct)
    {
        var response = await dynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = tableName,
            Item = p.RequiredAttributeMap("Item"),
            ConditionExpression = p.String("ConditionExpression"),
            ExpressionAttributeNames = p.StringMap("ExpressionAttributeNames"),
            ExpressionAttributeValues = p.AttributeMap("ExpressionAttributeValues"),
            ReturnValues = ReturnValue(p),
        }, ct);
        return MapResult("Attributes", response.Attributes);
    }

    private async Task<string> ReadAsync(PayloadReader p, CancellationToken ct)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = p.RequiredAttributeMap("Key"),
            ProjectionExpression = p.String("ProjectionExpression"),
            ExpressionAttributeNames = p.StringMap("ExpressionAttributeNames"),
            ConsistentRead = p.Bool("ConsistentRead"),
        }, ct);
        return MapResult("Item", response.Item);
    }

    private async Task<string> UpdateAsync(PayloadReader p, CancellationToken ct)
    {
        var response = await dynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = p.RequiredAttributeMap("Key"),
            UpdateExpression = p.RequiredString("UpdateExpression"),
            ConditionExpression = p.String("ConditionExpression"),
            ExpressionAttributeNames = p.StringMap("ExpressionAttributeNames"),
            ExpressionAttributeValues = p.AttributeMap("ExpressionAttributeValues"),
            ReturnValues = ReturnValue(p),
        }, ct);
        return MapResult("Attributes", response.Attributes);
    }

    private async Task<string> DeleteAsync(PayloadReader p, CancellationToken ct)
    {
        var response = await dynamoDb.DeleteItemAsync(new DeleteItemRequest
        {
            TableName = tableName,
            Key = p.RequiredAttributeMap("Key"),
            ConditionExpression = p.String("ConditionExpression"),
            ExpressionAttributeNames = p.StringMap("ExpressionAttributeNames"),
            ExpressionAttributeValues = p.AttributeMap("ExpressionAttributeValues"),
            ReturnValues = ReturnValue(p),
        }, ct);
        return MapResult("Attributes", response.Attributes);
    }

    private async Task<string> ListAsync(PayloadReader p, CancellationToken ct)
    {
        var response = await dynamoDb.ScanAsync(new ScanRequest
        {
            TableName = tableName,
            FilterExpression = p.String("FilterExpression"),
            ProjectionExpression = p.String("ProjectionExpression"),
            ExpressionAttributeNames = p.StringMap("ExpressionAttributeNames"),
            ExpressionAttributeValues = p.AttributeMap("ExpressionAttributeValues"),
            Limit = p.PositiveInt("Limit"),
            ExclusiveStartKey = p.AttributeMap("ExclusiveStartKey"),
            ConsistentRead = p.Bool("ConsistentRead"),
            Select = p.String("Select") is { } select ? Select.FindValue(select) : null,
        }, ct);
        return JsonBytes.WriteString(w =>
        {
            w.WriteStartObject();
            if (response.Items is { } items)
            {
                w.WriteStartArray("Items");
                foreach (var item in items) AttributeValueJson.WriteAttributeMap(w, item);
                w.WriteEndArray();
            }
            w.WriteNumber("Count", response.Count ?? 0);
            w.WriteNumber("ScannedCount", response.ScannedCount ?? 0);
            if (response.LastEvaluatedKey is { Count: > 0 } lastKey)
            {
                w.WritePropertyName("LastEvaluatedKey");
                AttributeValueJson.WriteAttributeMap(w, lastKey);
            }
            w.WriteEndObject();
        });
    }

    private static ReturnValue? ReturnValue(PayloadReader p) =>
        p.String("ReturnValues") is { } value ? Amazon.DynamoDBv2.ReturnValue.FindValue(value) : null;

    /// <summary><c>{"Name": {…}}</c> when DynamoDB returned attributes, else <c>{}</c>, as DocumentClient does.</summary>
    private static string MapResult(string name, Dictionary<string, AttributeValue>? map) => JsonBytes.WriteString(w =>
    {
        w.WriteStartObject();
        if (map is { Count: > 0 })
        {
            w.WritePropertyName(name);
            AttributeValueJson.WriteAttributeMap(w, map);
        }
        w.WriteEndObject();
    });
}
