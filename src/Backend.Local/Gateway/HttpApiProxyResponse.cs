using System.Text;
using System.Text.Json;
using Backend.Local.Http;

namespace Backend.Local.Gateway;

/// <summary>An HTTP API's reading of a Lambda response (payload 2.0); a malformed one is its 500.</summary>
public static class HttpApiProxyResponse
{
    public static HttpReply Map(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty(ProxyResponseFields.StatusCode, out _))
                return Inferred(root, payload);
            return Structured(root) ?? GatewayErrors.HttpIntegrationFailure();
        }
        catch (JsonException)
        {
            return GatewayErrors.HttpIntegrationFailure();
        }
    }

    /// <summary>
    /// Output without statusCode: "API Gateway makes the following assumptions if your Lambda function returns valid JSON
    /// and doesn't return a statusCode: isBase64Encoded is false, statusCode is 200, content-type is application/json,
    /// body is the function's response" ("Create AWS Lambda proxy integrations for HTTP APIs", format 2.0). Its examples:
    /// the output <c>"Hello from Lambda!"</c> is the body <c>Hello from Lambda!</c> (a string is its text, without the
    /// quotes); <c>{ "message": "Hello from Lambda!" }</c> is that JSON as the body.
    /// </summary>
    private static HttpReply Inferred(JsonElement root, byte[] payload) =>
        new(200, [new("Content-Type", "application/json")],
            root.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(root.GetString()!) : payload);

    /// <summary>
    /// A 2.0 response: statusCode, headers, cookies ("In the response to the client, each cookie becomes a set-cookie
    /// header"), body, isBase64Encoded. Format 2.0 "doesn't have multiValueHeaders" (same page), so that key, like any
    /// other key it does not know, is ignored: HTTP APIs skip fields they do not accept where REST APIs fail
    /// (aws-sam-cli's _parse_v1_payload_format_lambda_output). A cookies value that is not an array is skipped too
    /// (same source).
    /// </summary>
    private static HttpReply? Structured(JsonElement root)
    {
        if (!ProxyResponseFields.TryStatus(root, out var status)
            || !ProxyResponseFields.TryHeaders(root, out var headers)
            || !ProxyResponseFields.TryBase64Flag(root, ProxyResponseFields.IsBase64Encoded, out var flag)
            || !ProxyResponseFields.TryBody(root, flag ?? false, out var body))
        {
            return null;
        }
        if (root.TryGetProperty(ProxyResponseFields.Cookies, out var cookies) && cookies.ValueKind == JsonValueKind.Array)
        {
            foreach (var cookie in cookies.EnumerateArray())
            {
                if (cookie.ValueKind is JsonValueKind.Object or JsonValueKind.Array) return null;
                headers.Add(new("Set-Cookie", ProxyResponseFields.Scalar(cookie)));
            }
        }
        if (!headers.Any(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
            headers.Add(new("Content-Type", "application/json"));
        return new HttpReply(status, headers, body);
    }
}
