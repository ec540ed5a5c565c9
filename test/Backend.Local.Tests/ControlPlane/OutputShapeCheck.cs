using System.Text.Json;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// Walks a JSON answer alongside a botocore shape and lists every place they disagree, each named by
/// its JSON path ($.Functions[0].Environment.Variables), so one failing test shows all the mistakes.
/// </summary>
internal sealed class OutputShapeCheck(JsonElement shapes)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Check(string shapeName, JsonElement json)
    {
        CheckValue("$", shapeName, json);
        return _problems;
    }

    private void CheckValue(string path, string shapeName, JsonElement json)
    {
        var shape = shapes.GetProperty(shapeName);
        var type = shape.GetProperty("type").GetString();
        if (json.ValueKind == JsonValueKind.Null)
        {
            // The real service leaves an unset member out; a null usually means a serializer was not told to omit it.
            _problems.Add($"{path} is null; a member without a value is omitted ({shapeName} is {type})");
            return;
        }
        switch (type)
        {
            case "structure": CheckStructure(path, shapeName, shape, json); break;
            case "list": CheckList(path, shapeName, shape, json); break;
            case "map": CheckMap(path, shapeName, shape, json); break;
            case "string": CheckString(path, shapeName, shape, json); break;
            case "integer" or "long": Expect(path, shapeName, type, json, json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out _), "an integer"); break;
            case "float" or "double": Expect(path, shapeName, type, json, json.ValueKind == JsonValueKind.Number, "a number"); break;
            case "boolean": Expect(path, shapeName, type, json, json.ValueKind is JsonValueKind.True or JsonValueKind.False, "true or false"); break;
            // Lambda's JSON protocol sends its timestamps as ISO 8601 strings ("2024-01-01T00:00:00.000+0000").
            case "timestamp": Expect(path, shapeName, type, json, json.ValueKind == JsonValueKind.String, "a string"); break;
            case "blob": Expect(path, shapeName, type, json, json.ValueKind == JsonValueKind.String && IsBase64(json.GetString()!), "a base64 string"); break;
            default: _problems.Add($"{path}: shape {shapeName} has type '{type}', which this check does not know"); break;
        }
    }

    private void CheckStructure(string path, string shapeName, JsonElement shape, JsonElement json)
    {
        if (!Expect(path, shapeName, "structure", json, json.ValueKind == JsonValueKind.Object, "an object")) return;
        var members = shape.GetProperty("members");
        foreach (var property in json.EnumerateObject())
        {
            var memberPath = path + "." + property.Name;
            if (members.TryGetProperty(property.Name, out var member))
                CheckValue(memberPath, member.GetProperty("shape").GetString()!, property.Value);
            else
                _problems.Add($"{memberPath}: '{property.Name}' is not a member of {shapeName}; its members are {string.Join(", ", members.EnumerateObject().Select(m => m.Name))}");
        }
        if (!shape.TryGetProperty("required", out var required)) return;
        foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
        {
            // A header or status-code member travels outside the body, so a body never carries it.
            if (!InBody(members.GetProperty(name))) continue;
            if (!json.TryGetProperty(name, out _)) _problems.Add($"{path}.{name}: required member of {shapeName} is missing");
        }
    }

    /// <summary>
    /// Members bound to a header or the status code are not in the HTTP body, but the CLI and boto3 print
    /// them beside the body's members, so they are allowed in the JSON (and type-checked) yet never required.
    /// </summary>
    private static bool InBody(JsonElement member) =>
        !member.TryGetProperty("location", out var location) || location.GetString() is not ("header" or "headers" or "statusCode");

    private void CheckList(string path, string shapeName, JsonElement shape, JsonElement json)
    {
        if (!Expect(path, shapeName, "list", json, json.ValueKind == JsonValueKind.Array, "an array")) return;
        var memberShape = shape.GetProperty("member").GetProperty("shape").GetString()!;
        var index = 0;
        foreach (var item in json.EnumerateArray()) CheckValue($"{path}[{index++}]", memberShape, item);
    }

    private void CheckMap(string path, string shapeName, JsonElement shape, JsonElement json)
    {
        if (!Expect(path, shapeName, "map", json, json.ValueKind == JsonValueKind.Object, "an object")) return;
        var valueShape = shape.GetProperty("value").GetProperty("shape").GetString()!;
        foreach (var property in json.EnumerateObject()) CheckValue($"{path}.{property.Name}", valueShape, property.Value);
    }

    private void CheckString(string path, string shapeName, JsonElement shape, JsonElement json)
    {
        if (!Expect(path, shapeName, "string", json, json.ValueKind == JsonValueKind.String, "a string")) return;
        if (!shape.TryGetProperty("enum", out var values)) return;
        var value = json.GetString();
        if (!values.EnumerateArray().Any(v => v.GetString() == value))
            _problems.Add($"{path}: '{value}' is not one of {shapeName}'s values ({string.Join(", ", values.EnumerateArray().Select(v => v.GetString()))})");
    }

    private bool Expect(string path, string shapeName, string? type, JsonElement json, bool fits, string expected)
    {
        if (!fits) _problems.Add($"{path}: expected {expected} ({shapeName} is {type}), got {json.ValueKind} {Abbreviate(json.GetRawText())}");
        return fits;
    }

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);

    private static string Abbreviate(string raw) => raw.Length <= 80 ? raw : raw[..77] + "...";
}
