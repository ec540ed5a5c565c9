namespace Backend.Local.Http;

/// <summary>What any listener of the emulator sends back: status, headers (possibly repeated) and body bytes.</summary>
public sealed record HttpReply(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>A JSON body with its Content-Type.</summary>
    public static HttpReply Json(int statusCode, byte[] body) => new(statusCode, [new("Content-Type", "application/json")], body);
}
