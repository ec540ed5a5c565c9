namespace Backend.Lambda.APIGatewayEvents;

/// <summary>What an HTTP API Lambda integration returns (payload format 2.0).</summary>
public sealed class APIGatewayHttpApiV2ProxyResponse
{
    public int StatusCode { get; set; }
    public IDictionary<string, string>? Headers { get; set; }
    public string[]? Cookies { get; set; }
    public string? Body { get; set; }
    public bool IsBase64Encoded { get; set; }
}
