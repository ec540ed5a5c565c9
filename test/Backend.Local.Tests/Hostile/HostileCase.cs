using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Backend.Local.Tests.Hostile;

/// <summary>
/// One request of the hostile-input corpus (test/Backend.Local.Tests/Hostile/corpus/*.json) and what must come back.
/// A file gives defaults (method, path or invoke) that its cases may override.
/// </summary>
public sealed record HostileCase(
    string File,
    string Name,
    string Method,
    string? Path,
    string? Invoke,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body,
    HostileExpectation Expect)
{
    public string Id => $"{File}: {Name}";

    public static HostileCase FromJson(string file, JsonElement defaults, JsonElement item)
    {
        string? Text(string name) =>
            item.TryGetProperty(name, out var v) ? v.GetString()
            : defaults.ValueKind == JsonValueKind.Object && defaults.TryGetProperty(name, out var d) ? d.GetString() : null;

        var headers = new List<KeyValuePair<string, string>>();
        if (item.TryGetProperty("headers", out var h))
        {
            foreach (var header in h.EnumerateObject()) headers.Add(new(header.Name, Expand(header.Value.GetString()!)));
        }
        if (item.TryGetProperty("headerFlood", out var flood))
        {
            // {"count": N, "valueBytes": M}: N headers x-flood-i, each M bytes.
            var value = new string('f', flood.GetProperty("valueBytes").GetInt32());
            for (var i = 0; i < flood.GetProperty("count").GetInt32(); i++) headers.Add(new($"x-flood-{i}", value));
        }

        return new HostileCase(file, item.GetProperty("name").GetString()!, Text("method") ?? "POST", Text("path") is { } path ? Expand(path) : null, Text("invoke"),
            headers, ReadBody(item), HostileExpectation.FromJson(item.GetProperty("expect")));
    }

    /// <summary>"json" is sent as written (compact); "body" is raw text with macros; "bodyBase64" is raw bytes.</summary>
    private static byte[]? ReadBody(JsonElement item)
    {
        if (item.TryGetProperty("json", out var json)) return Encoding.UTF8.GetBytes(Expand(json.GetRawText()));
        if (item.TryGetProperty("body", out var body)) return Encoding.UTF8.GetBytes(Expand(body.GetString()!));
        if (item.TryGetProperty("bodyBase64", out var raw)) return Convert.FromBase64String(raw.GetString()!);
        return null;
    }

    /// <summary>
    /// <c>{{repeat N TEXT}}</c> becomes TEXT N times, so a 6 MB body or 1,000 levels of nesting fit in a data file
    /// (TEXT cannot hold '}': write <c>rbrace</c> for it).
    /// </summary>
    public static string Expand(string text) => Regex.Replace(text, @"\{\{repeat (\d+) ([^}]*)\}\}", m =>
        new StringBuilder().Insert(0, m.Groups[2].Value == "rbrace" ? "}" : m.Groups[2].Value, int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToString());
}

/// <summary>
/// The expected answer: a status, and the message exactly (or its start, or a part of it). For a direct
/// invocation that fails in the function, <see cref="ErrorType"/> is the payload's errorType. A whole body is
/// "body" (the JSON value itself) or "bodyText" (JSON text with macros), compared compacted; "bodyContains" is
/// a part of it. "bare" marks the few requests the HTTP server itself refuses before the gateway sees them
/// (a NUL byte in the path): Kestrel answers those with an empty body.
/// </summary>
public sealed record HostileExpectation(
    int Status, string? Message, string? MessageStartsWith, string? MessageContains, string? ErrorType, string? BodyEquals, string? BodyContains, bool Bare)
{
    public static HostileExpectation FromJson(JsonElement e)
    {
        string? Text(string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
        return new HostileExpectation(e.GetProperty("status").GetInt32(), Text("message"), Text("messageStartsWith"), Text("messageContains"),
            Text("errorType"), e.TryGetProperty("body", out var body) ? body.GetRawText() : Text("bodyText") is { } text ? HostileCase.Expand(text) : null,
            Text("bodyContains"), e.TryGetProperty("bare", out var bare) && bare.GetBoolean());
    }
}
