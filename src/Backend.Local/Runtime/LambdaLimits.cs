namespace Backend.Local.Runtime;

/// <summary>Lambda's and API Gateway's documented size limits.</summary>
public static class LambdaLimits
{
    /// <summary>Synchronous invocation request and response payloads: 6 MB.</summary>
    public const int SyncPayloadBytes = 6 * 1024 * 1024;

    /// <summary>Asynchronous (Event) invocation payloads: 1 MB.</summary>
    public const int AsyncPayloadBytes = 1024 * 1024;

    /// <summary>API Gateway request payloads: 10 MB.</summary>
    public const int ApiGatewayPayloadBytes = 10 * 1024 * 1024;

    /// <summary>API Gateway's combined size of the request line and headers: 10,240 bytes.</summary>
    public const int ApiGatewayHeaderBytes = 10240;

    /// <summary>The request line alone (method, URL with query, protocol): a URL longer than this is a 414.</summary>
    public const int ApiGatewayRequestLineBytes = 8192;

    /// <summary>REST API integration timeout: 29 s.</summary>
    public static readonly TimeSpan RestIntegrationTimeout = TimeSpan.FromSeconds(29);

    /// <summary>HTTP API integration timeout: 30 s.</summary>
    public static readonly TimeSpan HttpIntegrationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Lambda's init phase limit: 10 s.</summary>
    public static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);
}
