using System.Text.Json;
using Backend.Local.Http;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.LambdaApi;

/// <summary>
/// A control-plane request body: a JSON object whose members are checked against the operation's input shape.
/// A member of the wrong JSON type or one the operation does not have is refused as malformed (AWS's JSON
/// protocol does the same); a member of the real API that this endpoint does not serve is refused by name.
/// </summary>
internal sealed class JsonRequest
{
    private readonly JsonElement _root;

    private JsonRequest(JsonElement root) => _root = root;

    /// <param name="known">The members this endpoint serves.</param>
    /// <param name="notServed">Members of AWS's input shape this endpoint refuses, with what to call them.</param>
    public static async Task<JsonRequest> ReadAsync(HttpContext http, int limit, string operation, IReadOnlyCollection<string> known,
        IReadOnlyDictionary<string, string>? notServed = null)
    {
        if (http.Request.ContentLength > limit) throw new LambdaApiException(LambdaApiErrors.EntityTooLarge(limit, operation));
        var body = await HttpExchange.ReadBodyAsync(http, limit) ?? throw new LambdaApiException(LambdaApiErrors.EntityTooLarge(limit, operation));
        if (body.Length == 0) body = "{}"u8.ToArray();
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new LambdaApiException(LambdaApiErrors.InvalidJson(e.Message));
        }
        if (root.ValueKind != JsonValueKind.Object) throw new LambdaApiException(LambdaApiErrors.InvalidJson($"the {operation} request must be a JSON object"));
        foreach (var member in root.EnumerateObject())
        {
            if (notServed?.GetValueOrDefault(member.Name) is { } what && member.Value.ValueKind is not JsonValueKind.Null)
                throw new LambdaApiException(LambdaApiErrors.NotServed(what));
            if (!known.Contains(member.Name) && notServed?.ContainsKey(member.Name) != true)
                throw new LambdaApiException(LambdaApiErrors.InvalidJson($"Unrecognized field \"{member.Name}\": {operation} takes {string.Join(", ", known)}"));
        }
        return new JsonRequest(root);
    }

    public bool Has(string name) => _root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public string? String(string name) => Get(name, JsonValueKind.String, "a string")?.GetString();

    public bool? Bool(string name)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Malformed(name, "true or false"),
        };
    }

    /// <summary>The member names present (to refuse those of a nested object this endpoint does not serve).</summary>
    public IEnumerable<string> Names => _root.EnumerateObject().Select(m => m.Name);

    public int? Int(string name)
    {
        if (Get(name, JsonValueKind.Number, "an integer") is not { } value) return null;
        return value.TryGetInt32(out var number) ? number : throw Malformed(name, "an integer");
    }

    public JsonRequest? Object(string name) => Get(name, JsonValueKind.Object, "an object") is { } value ? new JsonRequest(value) : null;

    public IReadOnlyList<string>? Strings(string name)
    {
        if (Get(name, JsonValueKind.Array, "a list of strings") is not { } array) return null;
        return array.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Malformed(name, "a list of strings")).ToList();
    }

    /// <summary>A JSON object of strings (Environment.Variables, Tags), in the order given.</summary>
    public Dictionary<string, string>? StringMap(string name)
    {
        if (Get(name, JsonValueKind.Object, "an object of strings") is not { } map) return null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in map.EnumerateObject())
            result[member.Name] = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : throw Malformed($"{name}.{member.Name}", "a string");
        return result;
    }

    /// <summary>A JSON object of numbers (RoutingConfig.AdditionalVersionWeights).</summary>
    public Dictionary<string, double>? NumberMap(string name)
    {
        if (Get(name, JsonValueKind.Object, "an object of numbers") is not { } map) return null;
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var member in map.EnumerateObject())
            result[member.Name] = member.Value.ValueKind == JsonValueKind.Number ? member.Value.GetDouble() : throw Malformed($"{name}.{member.Name}", "a number");
        return result;
    }

    /// <summary>Base64 (a blob member); null when absent.</summary>
    public byte[]? Blob(string name)
    {
        if (String(name) is not { } text) return null;
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw Malformed(name, "base64");
        }
    }

    private JsonElement? Get(string name, JsonValueKind kind, string what)
    {
        if (!_root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        return value.ValueKind == kind ? value : throw Malformed(name, what);
    }

    /// <summary>A member the operation requires: absent or null is Lambda's "must not be null" (named in camelCase, as Lambda names members).</summary>
    public string RequiredString(string name) => String(name) ?? throw Missing(name);

    /// <inheritdoc cref="RequiredString"/>
    public JsonRequest RequiredObject(string name) => Object(name) ?? throw Missing(name);

    /// <inheritdoc cref="RequiredString"/>
    public int RequiredInt(string name) => Int(name) ?? throw Missing(name);

    private static LambdaApiException Missing(string name) =>
        new(LambdaApiErrors.Validation($"Value null at '{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must not be null"));

    private static LambdaApiException Malformed(string name, string what) =>
        new(LambdaApiErrors.InvalidJson($"{name} must be {what}"));
}
