using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Backend.Local.Gateway;

/// <summary>
/// The JSON Schema draft 4 keywords API Gateway models use: type, properties, required,
/// additionalProperties, items, enum, minimum/maximum (with draft-4 exclusive flags), minLength,
/// maxLength, pattern, minItems, maxItems, and $ref to another model of the API.
/// </summary>
public sealed class JsonSchemaValidator(Func<string, JsonNode?> modelByName)
{
    public bool IsValid(JsonElement value, JsonNode schema) => Check(value, schema, depth: 0);

    private bool Check(JsonElement value, JsonNode? schema, int depth)
    {
        if (schema is not JsonObject s) return true; // no schema accepts anything
        if (depth > 32) return false;                // a $ref cycle
        if (s["$ref"]?.GetValue<string>() is { } reference)
            return modelByName(reference[(reference.LastIndexOf('/') + 1)..]) is { } target && Check(value, target, depth + 1);
        if (s["type"] is { } type && !TypeMatches(value, type)) return false;
        if (s["enum"] is JsonArray options && !options.Any(o => JsonElement.DeepEquals(value, JsonSerializer.SerializeToElement(o, SchemaJsonContext.Default.JsonNode)))) return false;

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = s["properties"] as JsonObject;
                if (s["required"] is JsonArray required && required.Any(r => !value.TryGetProperty(r!.GetValue<string>(), out _))) return false;
                foreach (var property in value.EnumerateObject())
                {
                    if (properties?[property.Name] is { } propertySchema)
                    {
                        if (!Check(property.Value, propertySchema, depth + 1)) return false;
                    }
                    else if (s["additionalProperties"] is { } additional)
                    {
                        if (additional.GetValueKind() == JsonValueKind.False) return false;
                        if (additional is JsonObject && !Check(property.Value, additional, depth + 1)) return false;
                    }
                }
                return true;
            case JsonValueKind.Array:
                var length = value.GetArrayLength();
                if (Number(s["minItems"]) is { } minItems && length < minItems) return false;
                if (Number(s["maxItems"]) is { } maxItems && length > maxItems) return false;
                return s["items"] is not JsonObject items || value.EnumerateArray().All(i => Check(i, items, depth + 1));
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (Number(s["minLength"]) is { } minLength && text.Length < minLength) return false;
                if (Number(s["maxLength"]) is { } maxLength && text.Length > maxLength) return false;
                return s["pattern"]?.GetValue<string>() is not { } pattern || Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            case JsonValueKind.Number:
                var number = value.GetDouble();
                var exclusiveMin = s["exclusiveMinimum"]?.GetValueKind() == JsonValueKind.True;
                var exclusiveMax = s["exclusiveMaximum"]?.GetValueKind() == JsonValueKind.True;
                if (Number(s["minimum"]) is { } minimum && (exclusiveMin ? number <= minimum : number < minimum)) return false;
                if (Number(s["maximum"]) is { } maximum && (exclusiveMax ? number >= maximum : number > maximum)) return false;
                return true;
            default:
                return true;
        }
    }

    /// <summary>
    /// A keyword's number, however the model's JSON holds it: template.yaml's models come from YAML, where 500 is a
    /// long and 0.5 a double (so GetValue&lt;int&gt; or GetValue&lt;double&gt; alone would throw on one of them).
    /// </summary>
    private static double? Number(JsonNode? node) => node?.GetValueKind() == JsonValueKind.Number ? double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : null;

    private static bool TypeMatches(JsonElement value, JsonNode type) => type switch
    {
        JsonArray types => types.Any(t => TypeMatches(value, t!)),
        _ => type.GetValue<string>() switch
        {
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array,
            "string" => value.ValueKind == JsonValueKind.String,
            "number" => value.ValueKind == JsonValueKind.Number,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d == Math.Truncate(d),
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "null" => value.ValueKind == JsonValueKind.Null,
            _ => true,
        },
    };
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonNode))]
internal sealed partial class SchemaJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
