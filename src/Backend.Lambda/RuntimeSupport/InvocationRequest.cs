namespace Backend.Lambda.RuntimeSupport;

/// <summary>One invocation as /next delivered it: the headers we use and the payload bytes.</summary>
internal sealed record InvocationRequest(
    string RequestId,
    long? DeadlineMs,
    string? InvokedFunctionArn,
    string? TraceId,
    string? ClientContextJson,
    string? CognitoIdentityJson,
    byte[] Payload);
