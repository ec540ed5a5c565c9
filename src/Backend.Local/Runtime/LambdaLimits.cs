namespace Backend.Local.Runtime;

/// <summary>Lambda's documented limits on payloads and on the init phase.</summary>
public static class LambdaLimits
{
    /// <summary>Synchronous invocation request and response payloads: 6 MB.</summary>
    public const int SyncPayloadBytes = 6 * 1024 * 1024;

    /// <summary>Asynchronous (Event) invocation payloads: 1 MB.</summary>
    public const int AsyncPayloadBytes = 1024 * 1024;

    /// <summary>Lambda's init phase limit (on-demand instances): 10 s.</summary>
    public static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(10);
}
