using System.Text;

namespace Backend.Local.Gateway;

/// <summary>What goes back to the HTTP caller: status, headers (possibly repeated) and body bytes.</summary>
public sealed record GatewayResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>API Gateway's own answer: <c>{"message": …}</c> as JSON.</summary>
    public static GatewayResponse Message(int statusCode, string message, string? errorType = null)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/json") };
        if (errorType is not null) headers.Add(new("x-amzn-ErrorType", errorType));
        return new GatewayResponse(statusCode, headers, Encoding.UTF8.GetBytes(Backend.Lambda.APIGatewayEvents.JsonResponses.MessageBody(message)));
    }
}

/// <summary>API Gateway's own errors, with its exact statuses and bodies.</summary>
public static class GatewayErrors
{
    public static GatewayResponse RestNoRoute() => GatewayResponse.Message(403, "Missing Authentication Token", "MissingAuthenticationTokenException");
    public static GatewayResponse HttpNoRoute() => GatewayResponse.Message(404, "Not Found");
    public static GatewayResponse MissingParameters(IEnumerable<string> names) =>
        GatewayResponse.Message(400, $"Missing required request parameters: [{string.Join(", ", names)}]", "BadRequestException");
    public static GatewayResponse InvalidBody() => GatewayResponse.Message(400, "Invalid request body", "BadRequestException");
    public static GatewayResponse RestIntegrationFailure() => GatewayResponse.Message(502, "Internal server error");
    public static GatewayResponse HttpIntegrationFailure() => GatewayResponse.Message(500, "Internal Server Error");
    public static GatewayResponse RestTimeout() => GatewayResponse.Message(504, "Endpoint request timed out");
    public static GatewayResponse HttpTimeout() => GatewayResponse.Message(503, "Service Unavailable");
    public static GatewayResponse TooLarge() => GatewayResponse.Message(413, "Request Too Long");
    public static GatewayResponse UrlTooLong() => GatewayResponse.Message(414, "Request-URI Too Long");
    public static GatewayResponse HeadersTooLarge() => GatewayResponse.Message(431, "Request Header Fields Too Large");
}
