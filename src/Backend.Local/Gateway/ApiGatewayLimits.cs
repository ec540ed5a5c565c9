namespace Backend.Local.Gateway;

/// <summary>API Gateway's documented limits on requests and on the wait for the integration.</summary>
public static class ApiGatewayLimits
{
    /// <summary>Request payloads: 10 MB.</summary>
    public const int PayloadBytes = 10 * 1024 * 1024;

    /// <summary>The combined size of the request line and headers: 10,240 bytes.</summary>
    public const int HeadBytes = 10240;

    /// <summary>The request line alone (method, URL with query, protocol): a URL longer than this is a 414.</summary>
    public const int RequestLineBytes = 8192;

    /// <summary>REST API integration timeout: 29 s.</summary>
    public static readonly TimeSpan RestIntegrationTimeout = TimeSpan.FromSeconds(29);

    /// <summary>HTTP API integration timeout: 30 s.</summary>
    public static readonly TimeSpan HttpIntegrationTimeout = TimeSpan.FromSeconds(30);
}
