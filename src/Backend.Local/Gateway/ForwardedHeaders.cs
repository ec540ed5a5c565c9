namespace Backend.Local.Gateway;

/// <summary>
/// The headers API Gateway adds to the request it passes on, as the proxy in front of the function: X-Forwarded-For,
/// X-Forwarded-Proto and X-Forwarded-Port, in REST and HTTP API events alike (AWS's example events: "Lambda proxy
/// integrations in API Gateway", input format, <c>"X-Forwarded-For": "54.240.196.186, 54.182.214.83",
/// "X-Forwarded-Port": "443", "X-Forwarded-Proto": "https"</c>; aws-lambda-go's captured HTTP API event
/// apigw-v2-request-no-authorizer.json, <c>"x-forwarded-for": "1.2.3.4"</c> with port and proto).
/// </summary>
public static class ForwardedHeaders
{
    /// <summary>
    /// The request's headers with the three set. A client-sent X-Forwarded-For is kept and the client's address
    /// appended, as each proxy appends the address it got the request from (the AWS example's two addresses are
    /// the client's and the CloudFront node's in front of the API); Proto and Port are the gateway's own to say,
    /// so a client's are replaced.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Add(GatewayRequest request)
    {
        var sent = request.Headers.Where(h => IsNamed(h, ApiGatewayHeaders.ForwardedFor)).Select(h => h.Value).Where(v => v.Length > 0).ToList();
        var headers = request.Headers.Where(h => !IsNamed(h, ApiGatewayHeaders.ForwardedFor)
            && !IsNamed(h, ApiGatewayHeaders.ForwardedProto) && !IsNamed(h, ApiGatewayHeaders.ForwardedPort)).ToList();
        headers.Add(new(ApiGatewayHeaders.ForwardedFor, string.Join(", ", [.. sent, request.SourceIp])));
        headers.Add(new(ApiGatewayHeaders.ForwardedProto, request.Scheme));
        headers.Add(new(ApiGatewayHeaders.ForwardedPort, request.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return headers;
    }

    private static bool IsNamed(KeyValuePair<string, string> header, string name) =>
        string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase);
}
