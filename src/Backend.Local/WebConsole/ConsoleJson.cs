using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Backend.Local.Http;

namespace Backend.Local.WebConsole;

/// <summary>The console API's JSON answers and its one error shape, <c>{"message": …}</c>.</summary>
internal static class ConsoleJson
{
    // Same-origin JSON read by the page and by people with curl: quotes and '+' as themselves, not \u0022.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static HttpReply Ok(JsonNode body) => HttpReply.Json(200, Encoding.UTF8.GetBytes(body.ToJsonString(Readable)));

    public static HttpReply Error(int status, string message) => HttpReply.Json(status, Encoding.UTF8.GetBytes(new JsonObject { ["message"] = message }.ToJsonString(Readable)));

    /// <summary>The bytes as JSON when they are JSON, else as a string (a function may answer anything).</summary>
    public static JsonNode? Parsed(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes);
        }
        catch (JsonException)
        {
            return JsonValue.Create(Encoding.UTF8.GetString(bytes));
        }
    }

    /// <summary>A request body that must be JSON: the parsed node, or a 400 naming what is wrong.</summary>
    public static (JsonNode? Node, HttpReply? Refusal) RequiredJson(byte[]? body)
    {
        if (body is null) return (null, Error(413, "The event is larger than Lambda's 6 MB limit"));
        try
        {
            return (JsonNode.Parse(body), null);
        }
        catch (JsonException e)
        {
            return (null, Error(400, $"The event is not valid JSON: {e.Message}"));
        }
    }
}
