using System.Text.Json;

namespace Backend.DynamoDbManager;

/// <summary><c>{"operation", "tableName", "payload"}</c>, the tutorial's request, read from a body or a direct event.</summary>
public sealed record ManagerRequest(string Operation, string? TableName, JsonElement? Payload)
{
    public static ManagerRequest Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new BadRequestException("the request must be a JSON object with operation, tableName and payload");
        var operation = root.TryGetProperty("operation", out var op) ? op : default;
        if (operation.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            throw new BadRequestException("operation is required: one of create, read, update, delete, list, echo, ping");
        if (operation.ValueKind != JsonValueKind.String)
            throw new BadRequestException("operation must be a string: one of create, read, update, delete, list, echo, ping");

        string? tableName = null;
        if (root.TryGetProperty("tableName", out var table) && table.ValueKind != JsonValueKind.Null)
        {
            tableName = table.ValueKind == JsonValueKind.String ? table.GetString() : throw new BadRequestException("tableName must be a string");
        }
        JsonElement? payload = root.TryGetProperty("payload", out var p) && p.ValueKind != JsonValueKind.Null ? p : null;
        return new ManagerRequest(operation.GetString()!, tableName, payload);
    }
}
