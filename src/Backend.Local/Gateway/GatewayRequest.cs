using System.Text;

namespace Backend.Local.Gateway;

/// <summary>An HTTP request as API Gateway sees it, apart from any server type (so events can be built in tests).</summary>
public sealed record GatewayRequest(
    string Method,
    string RawPath,
    string RawQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    string SourceIp,
    string Protocol = "HTTP/1.1")
{
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;
    /// <summary>The id API Gateway gives the request: in the event, and in its x-amzn-RequestId / apigw-requestid header.</summary>
    public required string RequestId { get; init; }

    /// <summary>
    /// A REST API's second id for the request: requestContext.extendedRequestId in the event and x-amz-apigw-id on
    /// the answer. Base64 of 11 bytes, as AWS's look (<c>KtF82HGdliAFjxw=</c>).
    /// </summary>
    public string ExtendedRequestId { get; init; } = NewExtendedRequestId();

    public static string NewExtendedRequestId() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(11));

    /// <summary>The scheme the client used (X-Forwarded-Proto): http, or https when served over TLS.</summary>
    public string Scheme { get; init; } = "http";

    /// <summary>The port the client connected to (X-Forwarded-Port).</summary>
    public int Port { get; init; } = 80;

    public string? Header(string name) =>
        Headers.LastOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The query string's pairs in order, decoded ('+' is a space), as API Gateway decodes them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> QueryPairs()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in RawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add(new(DecodeQuery(name), DecodeQuery(value)));
        }
        return pairs;
    }

    private static string DecodeQuery(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return text;
        }
    }

    /// <summary>
    /// An HTTP API's reading of the body: text media types (and valid UTF-8) are text; everything else is binary
    /// (base64 in the event). A REST API reads it by its binaryMediaTypes instead (<see cref="BinaryMediaTypes"/>).
    /// </summary>
    public bool HasTextBody(IReadOnlyList<string> binaryMediaTypes)
    {
        var contentType = BinaryMediaTypes.FirstMediaType(Header("Content-Type"));
        if (binaryMediaTypes.Count > 0 && BinaryMediaTypes.Matches(binaryMediaTypes, contentType)) return false;
        if (contentType.Length == 0 || contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.Contains("json", StringComparison.Ordinal)
            || contentType.Contains("xml", StringComparison.Ordinal) || contentType.Contains("javascript", StringComparison.Ordinal)
            || contentType == "application/x-www-form-urlencoded")
            return IsUtf8(Body);
        return false;
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
