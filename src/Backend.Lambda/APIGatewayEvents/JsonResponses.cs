using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Backend.Lambda.APIGatewayEvents;

/// <summary>Small helpers for the JSON answers our functions give through API Gateway.</summary>
public static class JsonResponses
{
    private const string JsonContentType = "application/json";

    /// <summary>
    /// JSON for HTTP bodies, not HTML: '+', '&lt;' or 'é' are written as themselves, not as \u escapes,
    /// so <c>"op":"+"</c> reads as the caller sent it.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A REST API (payload 1.0) response with a JSON body.</summary>
    public static APIGatewayProxyResponse Rest(int statusCode, string jsonBody, IDictionary<string, string>? extraHeaders = null) => new()
    {
        StatusCode = statusCode,
        Headers = WithContentType(extraHeaders),
        Body = jsonBody,
    };

    /// <summary>A REST API (payload 1.0) response with the body <c>{"message": message}</c>.</summary>
    public static APIGatewayProxyResponse RestMessage(int statusCode, string message) => Rest(statusCode, MessageBody(message));

    /// <summary>An HTTP API (payload 2.0) response with a JSON body.</summary>
    public static APIGatewayHttpApiV2ProxyResponse HttpApi(int statusCode, string jsonBody, IDictionary<string, string>? extraHeaders = null) => new()
    {
        StatusCode = statusCode,
        Headers = WithContentType(extraHeaders),
        Body = jsonBody,
    };

    /// <summary>An HTTP API (payload 2.0) response with the body <c>{"message": message}</c>.</summary>
    public static APIGatewayHttpApiV2ProxyResponse HttpApiMessage(int statusCode, string message) => HttpApi(statusCode, MessageBody(message));

    /// <summary><c>{"message": …}</c>, the error shape API Gateway itself uses, properly escaped.</summary>
    public static string MessageBody(string message) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("message", message);
        w.WriteEndObject();
    });

    /// <summary>Writes JSON with <see cref="Utf8JsonWriter"/> and returns it as a string.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static Dictionary<string, string> WithContentType(IDictionary<string, string>? extra)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = JsonContentType };
        if (extra is not null)
        {
            foreach (var (name, value) in extra) headers[name] = value;
        }
        return headers;
    }
}
