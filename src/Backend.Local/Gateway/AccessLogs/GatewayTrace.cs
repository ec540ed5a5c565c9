using Backend.Template;

namespace Backend.Local.Gateway.AccessLogs;

/// <summary>
/// What the gateway did with one request beyond its answer, noted as it goes (the route it matched, the integration
/// it called): what access log variables read once the answer is written.
/// </summary>
public sealed class GatewayTrace
{
    /// <summary>The route matched; null when none was (the API's own answer: 403/404, a preflight, a refused head).</summary>
    public RouteMatch? Match { get; set; }

    /// <summary>Whether the function was invoked: the integration fields are known only then.</summary>
    public bool Integrated { get; set; }

    /// <summary>The integration's latency: from calling Lambda to its answer (or to the gateway's timeout).</summary>
    public long IntegrationLatencyMs { get; set; }

    /// <summary>What Lambda's Invoke answered (200, even for a function error; 429 throttled); null when it did not answer in time.</summary>
    public int? LambdaStatus { get; set; }

    /// <summary>The status the function's proxy response named; null when it failed or its response was malformed.</summary>
    public int? FunctionStatus { get; set; }

    /// <summary>The integration's error message, as API Gateway words it; null without one.</summary>
    public string? IntegrationError { get; set; }

    /// <summary>The Lambda request id of the invocation (integration.requestId).</summary>
    public string? IntegrationRequestId { get; set; }

    /// <summary>Whether the answer is the function's (mapped from its proxy response) rather than the gateway's own.</summary>
    public bool AnsweredByFunction { get; set; }
}
