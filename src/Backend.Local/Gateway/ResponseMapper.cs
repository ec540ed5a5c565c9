using Backend.Local.Http;
using Backend.Template;

namespace Backend.Local.Gateway;

/// <summary>
/// Turns a function's proxy response into the HTTP response, or API Gateway's error when it is malformed: a REST API
/// reads payload 1.0 (<see cref="RestProxyResponse"/>), an HTTP API payload 2.0 (<see cref="HttpApiProxyResponse"/>).
/// </summary>
public static class ResponseMapper
{
    /// <summary>A REST API's answer: the function's, or its 502 when the response is malformed.</summary>
    /// <param name="binaryMediaTypes">The API's binaryMediaTypes.</param>
    /// <param name="accept">The request's Accept header.</param>
    public static HttpReply Rest(byte[] payload, IReadOnlyList<string> binaryMediaTypes, string? accept) =>
        TryRest(payload, binaryMediaTypes, accept) ?? GatewayErrors.RestIntegrationFailure();

    /// <summary>
    /// The function's answer as a REST API passes it on (some headers remapped, a base64 body decoded when the API
    /// takes it for binary: <see cref="BinaryMediaTypes"/>), or null when it is malformed.
    /// </summary>
    public static HttpReply? TryRest(byte[] payload, IReadOnlyList<string> binaryMediaTypes, string? accept) =>
        RestProxyResponse.TryMap(payload, binaryMediaTypes, accept);

    /// <summary>An HTTP API's answer: the function's, the inferred 200 when it gave no statusCode, or its 500.</summary>
    public static HttpReply HttpApi(byte[] payload) => HttpApiProxyResponse.Map(payload);
}
