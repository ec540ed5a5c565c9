using Backend.Template;

namespace Backend.Local.Gateway.AccessLogs;

/// <summary>One request as its access log line sees it: the request, the answer written, and the gateway's trace.</summary>
public sealed record AccessLogEntry(
    ApiDefinition Api,
    string RequestId,
    string ExtendedRequestId,
    string Method,
    string RawPath,
    string SourceIp,
    string Protocol,
    string? Host,
    string? UserAgent,
    DateTimeOffset ReceivedAt,
    int Status,
    long ResponseLength,
    long ResponseLatencyMs,
    byte[] ResponseBody,
    GatewayTrace Trace,
    string AccountId);
