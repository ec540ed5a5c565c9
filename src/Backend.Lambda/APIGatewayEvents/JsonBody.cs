using System.Text.Json;
using System.Text.Unicode;

namespace Backend.Lambda.APIGatewayEvents;

/// <summary>
/// A proxy request's body parsed as JSON, or why it is the caller's bad input. API Gateway passes a body it
/// cannot treat as text base64 encoded; System.Text.Json parses invalid UTF-8 inside strings and only fails
/// later, when a string is read, so the bytes are checked first.
/// </summary>
public sealed class JsonBody : IDisposable
{
    private readonly JsonDocument? _document;

    private JsonBody(JsonDocument? document, BodyProblem? problem)
    {
        _document = document;
        Problem = problem;
    }

    /// <summary>Null when the body is JSON.</summary>
    public BodyProblem? Problem { get; }

    /// <summary>The body's JSON; only when <see cref="Problem"/> is null, and valid until disposed.</summary>
    public JsonElement Root => _document?.RootElement ?? throw new InvalidOperationException($"the body is not JSON: {Problem}");

    public static JsonBody Read(APIGatewayProxyRequest request)
    {
        if (string.IsNullOrEmpty(request.Body)) return new(null, BodyProblem.Empty);
        try
        {
            if (!request.IsBase64Encoded) return new(JsonDocument.Parse(request.Body), null);
            var bytes = Convert.FromBase64String(request.Body);
            return Utf8.IsValid(bytes) ? new(JsonDocument.Parse(bytes), null) : new(null, BodyProblem.NotUtf8);
        }
        catch (FormatException)
        {
            return new(null, BodyProblem.NotBase64);
        }
        catch (JsonException)
        {
            return new(null, BodyProblem.NotJson);
        }
    }

    public void Dispose() => _document?.Dispose();
}
