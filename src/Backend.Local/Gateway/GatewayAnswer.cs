using Backend.Local.Http;
using Backend.Template;

namespace Backend.Local.Gateway;

/// <summary>
/// An API's answer before API Gateway's own headers are added: which kind of API gave it, and the X-Ray trace of the
/// function's invocation when the integration succeeded.
/// </summary>
public sealed record GatewayAnswer(HttpReply Reply, ApiKind Kind, string? FunctionTraceId = null)
{
    /// <summary>
    /// The answer with the headers API Gateway adds to every response of the API: a REST API its request id
    /// (x-amzn-RequestId), its extended request id (x-amz-apigw-id) and, when the integration succeeded, the trace
    /// (X-Amzn-Trace-Id); an HTTP API its request id (Apigw-Requestid). Errors keep their x-amzn-ErrorType.
    /// </summary>
    public HttpReply WithGatewayHeaders(string requestId, string extendedRequestId)
    {
        List<KeyValuePair<string, string>> headers = [.. Reply.Headers];
        if (Kind == ApiKind.Http)
        {
            headers.Add(new(ApiGatewayHeaders.HttpRequestId, requestId));
        }
        else
        {
            headers.Add(new(ApiGatewayHeaders.RestRequestId, requestId));
            headers.Add(new(ApiGatewayHeaders.RestExtendedRequestId, extendedRequestId));
            if (FunctionTraceId is not null) headers.Add(new(ApiGatewayHeaders.TraceId, ClientTraceHeader(FunctionTraceId)));
        }
        return Reply with { Headers = headers };
    }

    /// <summary>
    /// The trace as the client sees it: the Root (and Sampled flag) of the trace the function ran in
    /// (Lambda-Runtime-Trace-Id), without the Parent, which names the function's own segment.
    /// </summary>
    public static string ClientTraceHeader(string functionTraceId) =>
        string.Join(';', functionTraceId.Split(';', StringSplitOptions.TrimEntries)
            .Where(p => p.StartsWith("Root=", StringComparison.Ordinal) || p.StartsWith("Sampled=", StringComparison.Ordinal)));
}
