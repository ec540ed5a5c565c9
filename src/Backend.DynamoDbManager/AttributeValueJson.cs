using System.Text.Json;
using Amazon.DynamoDBv2.DocumentModel;
using Amazon.DynamoDBv2.Model;

namespace Backend.DynamoDbManager;

/// <summary>
/// Plain JSON values to DynamoDB attribute values and back, as the tutorial's DocumentClient does.
/// </summary>
public static class AttributeValueJson
{
    /// <summary>
    /// JSON to an attribute value. Written here rather than with the SDK's Document.FromJson because
    /// that reads numbers as doubles: a 38-digit number (DynamoDB's precision) would lose digits. A
    /// number's JSON text goes to DynamoDB as it was sent, which keeps every digit.
    /// </summary>
    public static AttributeValue ToAttributeValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new AttributeValue { S = ReadString(value) },
        JsonValueKind.Number => new AttributeValue { N = value.GetRawText() },
        JsonValueKind.True => new AttributeValue { BOOL = true },
        JsonValueKind.False => new AttributeValue { BOOL = false },
        JsonValueKind.Null => new AttributeValue { NULL = true },
        JsonValueKind.Object => new AttributeValue { M = ToAttributeMap(value) },
        JsonValueKind.Array => new AttributeValue { L = value.EnumerateArray().Select(ToAttributeValue).ToList() },
        _ => throw new BadRequestException($"unsupported JSON value of kind {value.ValueKind}"),
    };

    /// <summary>DynamoDB's limit on an attribute name; DynamoDB Local answers a longer one with an InternalFailure.</summary>
    public const int MaxAttributeNameBytes = 65535;

    /// <summary>A JSON object to an attribute map; for a repeated key the last value wins, as in JSON.parse.</summary>
    public static Dictionary<string, AttributeValue> ToAttributeMap(JsonElement obj)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            var name = ReadName(property);
            var bytes = System.Text.Encoding.UTF8.GetByteCount(name);
            if (bytes > MaxAttributeNameBytes)
                throw new BadRequestException($"attribute names must be at most {MaxAttributeNameBytes} bytes (UTF-8); one is {bytes}");
            map[name] = ToAttributeValue(property.Value);
        }
        return map;
    }

    private static string ReadString(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException e) when (Backend.Lambda.Serialization.JsonStrings.IsUnreadableString(e))
        {
            throw new BadRequestException(Backend.Lambda.Serialization.JsonStrings.UnreadableMessage);
        }
    }

    private static string ReadName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e) when (Backend.Lambda.Serialization.JsonStrings.IsUnreadableString(e))
        {
            throw new BadRequestException(Backend.Lambda.Serialization.JsonStrings.UnreadableMessage);
        }
    }

    /// <summary>
    /// An attribute map (an item or a key) as a JSON object. The SDK's document model does this
    /// direction without loss (numbers keep their DynamoDB text; sets become arrays, binary base64).
    /// </summary>
    public static void WriteAttributeMap(Utf8JsonWriter writer, Dictionary<string, AttributeValue> map) =>
        writer.WriteRawValue(Document.FromAttributeMap(map).ToJson(), skipInputValidation: true);
}
