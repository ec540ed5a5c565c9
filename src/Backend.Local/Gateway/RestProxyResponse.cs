using System.Text.Json;
using Backend.Lambda.APIGatewayEvents;
using Backend.Local.Http;

namespace Backend.Local.Gateway;

/// <summary>
/// A REST API's reading of a Lambda proxy response (payload 1.0): the answer it passes on, or null when the response is
/// malformed, which API Gateway answers with its 502 ("Output format of a Lambda function for proxy integration": "If the
/// function output is of a different format, API Gateway returns a 502 Bad Gateway error response").
/// </summary>
public static class RestProxyResponse
{
    /// <summary>
    /// An undocumented key a REST API reads before isBase64Encoded (aws-sam-cli's get_base_64_encoded, "based on some
    /// trials": "Rest API gateway checks first the field base64Encoded field, if not exist, it checks isBase64Encoded").
    /// </summary>
    public const string Base64EncodedAlias = "base64Encoded";

    /// <summary>
    /// The keys a REST API accepts: those of the 1.0 response type and the alias above. Any other key, <c>cookies</c>
    /// included (a 2.0 key), is malformed: <c>{"statusCode":200,"wrongValue":"value"}</c> → 502 (LocalStack's
    /// AWS-validated test_lambda_aws_proxy_response_format, "none of the lambda response fields are mandatory, but you
    /// cannot return any other fields").
    /// </summary>
    public static readonly IReadOnlySet<string> Keys = ApiGatewayJsonContext.Default.APIGatewayProxyResponse.Properties
        .Select(p => p.Name).Append(Base64EncodedAlias).ToHashSet(StringComparer.Ordinal);

    /// <param name="binaryMediaTypes">The API's binaryMediaTypes.</param>
    /// <param name="accept">The request's Accept header: with the response's Content-Type, whether a base64 body is decoded (<see cref="BinaryMediaTypes"/>).</param>
    public static HttpReply? TryMap(byte[] payload, IReadOnlyList<string> binaryMediaTypes, string? accept)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            // "justAString" → 502 (LocalStack's AWS-validated test): the output must be an object.
            if (root.ValueKind != JsonValueKind.Object || root.EnumerateObject().Any(p => !Keys.Contains(p.Name))) return null;
            if (!ProxyResponseFields.TryStatus(root, out var status)
                || !TryMergedHeaders(root, out var headers)
                || !ProxyResponseFields.TryBase64Flag(root, Base64EncodedAlias, out var alias)
                || !ProxyResponseFields.TryBase64Flag(root, ProxyResponseFields.IsBase64Encoded, out var flag))
            {
                return null;
            }
            var contentType = headers.FirstOrDefault(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
            if (contentType is null) headers.Add(new("Content-Type", contentType = "application/json"));
            // A base64 body the API does not take for binary is passed on as its base64 text.
            var decode = (alias ?? flag ?? false) && BinaryMediaTypes.DecodesResponseBody(binaryMediaTypes, accept, contentType);
            if (!ProxyResponseFields.TryBody(root, decode, out var body)) return null;
            return new HttpReply(status, [.. headers.Select(RemappedHeaders.Remap)], body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>multiValueHeaders</c> and <c>headers</c> as one list. "If you specify values for both headers and
    /// multiValueHeaders, API Gateway merges them into a single list. If the same key-value pair is specified in both,
    /// only the values from multiValueHeaders will appear in the merged list." ("Output format of a Lambda function for
    /// proxy integration"). So a name in both keeps both values, multiValueHeaders' first: API Gateway's own test log
    /// showed <c>X-Foo=foo,bar</c> for multiValueHeaders <c>["foo"]</c> and headers <c>"bar"</c> (aws/aws-sam-cli#1166);
    /// a value already in multiValueHeaders is not repeated. Names compare case-insensitively, as HTTP's do. A
    /// multiValueHeaders entry that is not an array is malformed (LocalStack's AWS-validated test: 502).
    /// </summary>
    private static bool TryMergedHeaders(JsonElement root, out List<KeyValuePair<string, string>> headers)
    {
        headers = [];
        if (root.TryGetProperty(ProxyResponseFields.MultiValueHeaders, out var multi) && multi.ValueKind != JsonValueKind.Null)
        {
            if (multi.ValueKind != JsonValueKind.Object) return false;
            foreach (var header in multi.EnumerateObject())
            {
                if (header.Value.ValueKind != JsonValueKind.Array) return false;
                foreach (var value in header.Value.EnumerateArray())
                {
                    if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array) return false;
                    headers.Add(new(header.Name, ProxyResponseFields.Scalar(value)));
                }
            }
        }
        if (!ProxyResponseFields.TryHeaders(root, out var single)) return false;
        var fromMulti = headers.ToList();
        headers.AddRange(single.Where(s => !fromMulti.Any(m => string.Equals(m.Key, s.Key, StringComparison.OrdinalIgnoreCase) && m.Value == s.Value)));
        return true;
    }
}
