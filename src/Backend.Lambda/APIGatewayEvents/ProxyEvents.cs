using System.Text.Json;

namespace Backend.Lambda.APIGatewayEvents;

/// <summary>Telling an API Gateway event from a direct invocation's own event.</summary>
public static class ProxyEvents
{
    /// <summary>A REST API proxy event (payload 1.0) always carries httpMethod and requestContext; a direct event does not.</summary>
    public static bool IsRestProxyEvent(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object
        && root.TryGetProperty("httpMethod", out _)
        && root.TryGetProperty("requestContext", out _);
}
