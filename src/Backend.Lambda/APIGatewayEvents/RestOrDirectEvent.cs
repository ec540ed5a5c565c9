using System.Text;
using System.Text.Json;

namespace Backend.Lambda.APIGatewayEvents;

/// <summary>
/// The raw event of a function that a REST API calls with proxy events (payload 1.0) and that callers may also
/// invoke directly with their own JSON: it tells the two apart, and writes either answer back as the runtime loop
/// posts it. A function keeps only its own logic:
/// <code>
/// using var evt = RestOrDirectEvent.Parse(input) ?? throw new MyBadInput("the event is not valid JSON");
/// return evt.ProxyRequest is { } request
///     ? RestOrDirectEvent.Answer(HandleApiRequest(request, context))
///     : RestOrDirectEvent.Answer(HandleDirect(evt.Payload, context));
/// </code>
/// </summary>
public sealed class RestOrDirectEvent : IDisposable
{
    private readonly JsonDocument _document;

    private RestOrDirectEvent(JsonDocument document, APIGatewayProxyRequest? proxyRequest)
    {
        _document = document;
        ProxyRequest = proxyRequest;
    }

    /// <summary>The proxy request when API Gateway sent the event; null for a direct invocation.</summary>
    public APIGatewayProxyRequest? ProxyRequest { get; }

    /// <summary>The whole event as JSON (for a direct invocation, the caller's own); valid until disposed.</summary>
    public JsonElement Payload => _document.RootElement;

    /// <summary>
    /// The event, or null when it is not JSON. API Gateway and Lambda's Invoke API only deliver JSON, so that is a
    /// direct caller's bad input, and what to tell them is the function's to say.
    /// </summary>
    /// <exception cref="JsonException">A proxy event whose members have the wrong types (not API Gateway's).</exception>
    public static RestOrDirectEvent? Parse(Stream input)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(input);
        }
        catch (JsonException)
        {
            return null;
        }
        try
        {
            var root = document.RootElement;
            return new RestOrDirectEvent(document,
                IsRestProxyEvent(root) ? root.Deserialize(ApiGatewayJsonContext.Default.APIGatewayProxyRequest) : null);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    /// <summary>A REST API proxy event (payload 1.0) always carries httpMethod and requestContext; a direct event does not.</summary>
    private static bool IsRestProxyEvent(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("httpMethod", out _)
        && root.TryGetProperty("requestContext", out _);

    /// <summary>The answer to a proxy event.</summary>
    public static Stream Answer(APIGatewayProxyResponse response) =>
        Readable(JsonSerializer.SerializeToUtf8Bytes(response, ApiGatewayJsonContext.Default.APIGatewayProxyResponse));

    /// <summary>The answer to a direct invocation: JSON text the function wrote.</summary>
    public static Stream Answer(string json) => Readable(Encoding.UTF8.GetBytes(json));

    /// <summary>A stream whose buffer the runtime loop may take without copying it.</summary>
    private static MemoryStream Readable(byte[] bytes) => new(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);

    public void Dispose() => _document.Dispose();
}
