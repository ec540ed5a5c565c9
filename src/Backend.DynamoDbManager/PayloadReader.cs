using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Backend.DynamoDbManager;

/// <summary>
/// Reads one operation's payload (the DocumentClient parameters) with type checks, and refuses any
/// parameter the operation does not support, naming it.
/// </summary>
internal sealed class PayloadReader
{
    private readonly JsonElement _payload;
    private readonly string _operation;

    public PayloadReader(string operation, JsonElement? payload, IReadOnlyCollection<string> supported)
    {
        _operation = operation;
        if (payload is not { ValueKind: JsonValueKind.Object } obj)
            throw new BadRequestException(payload is null
                ? $"payload is required for {operation}: a JSON object with {string.Join(", ", supported)}"
                : $"payload must be a JSON object for {operation}");
        _payload = obj;
        foreach (var property in obj.EnumerateObject())
        {
            // TableName is the tutorial's way to name the table; Operations checks it against the served one.
            if (property.Name != "TableName" && !supported.Contains(property.Name))
                throw new BadRequestException($"unsupported parameter for {operation}: {property.Name} (supported: {string.Join(", ", supported)})");
        }
    }

    public string? TableName => String("TableName");

    public string? String(string name) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw Invalid(name, "a string"),
    };

    public string RequiredString(string name) => String(name) ?? throw Missing(name, "a string");

    public bool? Bool(string name) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw Invalid(name, "true or false"),
    };

    public int? PositiveInt(string name) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var n) && n > 0 => n,
        _ => throw Invalid(name, "a positive integer"),
    };

    public Dictionary<string, string>? StringMap(string name)
    {
        if (Get(name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Object) throw Invalid(name, "an object of strings");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : throw Invalid($"{name}.{property.Name}", "a string");
        }
        return map;
    }

    public Dictionary<string, AttributeValue>? AttributeMap(string name) => Get(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Object } value => AttributeValueJson.ToAttributeMap(value),
        _ => throw Invalid(name, "a JSON object"),
    };

    public Dictionary<string, AttributeValue> RequiredAttributeMap(string name) =>
        AttributeMap(name) ?? throw Missing(name, "a JSON object");

    private JsonElement? Get(string name) =>
        _payload.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private BadRequestException Invalid(string name, string expected) => new($"payload.{name} must be {expected} for {_operation}");

    private BadRequestException Missing(string name, string expected) => new($"payload.{name} is required for {_operation}: {expected}");
}
