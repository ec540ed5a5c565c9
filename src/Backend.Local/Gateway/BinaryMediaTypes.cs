namespace Backend.Local.Gateway;

/// <summary>
/// A REST API's binaryMediaTypes and how API Gateway applies them to a Lambda proxy integration (payload 1.0).
/// "Content type conversions in API Gateway": with binaryMediaTypes undefined, a request body of any Content-Type
/// reaches the integration as a UTF-8 string; with them set, a body whose Content-Type matches is binary, which a
/// proxy integration passes base64-encoded with isBase64Encoded true. On the way back, "Binary media types for REST
/// APIs" (Lambda proxy integrations): "you must base64-encode your function's response. You must also configure the
/// binaryMediaTypes for your API"; API Gateway decodes it "depending on [...] whether the Content-Type header of the
/// response or the Accept header of the incoming request matches an entry in the binaryMediaTypes list", and of the
/// Accept header it reads only the first media type ("API Gateway uses the first Accept header from clients to
/// determine if a response should return binary media"; "If a request contains multiple media types in its Accept
/// header, API Gateway honors only the first Accept media type"). Otherwise the base64 text is the body, undecoded.
/// </summary>
public static class BinaryMediaTypes
{
    /// <summary>Whether the request body goes to the function base64-encoded: its Content-Type is one of the API's binary media types.</summary>
    public static bool EncodesRequestBody(IReadOnlyList<string> binaryMediaTypes, string? contentType) =>
        Matches(binaryMediaTypes, contentType);

    /// <summary>Whether a response body the function marked isBase64Encoded is decoded: the request's first Accept media type or the response's Content-Type is binary.</summary>
    public static bool DecodesResponseBody(IReadOnlyList<string> binaryMediaTypes, string? accept, string? responseContentType) =>
        Matches(binaryMediaTypes, accept) || Matches(binaryMediaTypes, responseContentType);

    /// <summary>
    /// Whether a header's first media type (parameters dropped, case ignored) is one of the types: equal to one, or
    /// under a wildcard one ("You can use the wildcard character (*) to cover multiple media types. For example, */*
    /// includes all content types"). A missing header matches only <c>*/*</c> (aws-sam-cli base64-encodes every
    /// request body under <c>*/*</c>; not checked against AWS). A wildcard in the header itself matches no specific
    /// type: the documents' example of a browser's <c>Accept: image/webp,image/*,*/*;q=0.8</c> needs <c>image/webp</c>
    /// in the list.
    /// </summary>
    public static bool Matches(IReadOnlyList<string> binaryMediaTypes, string? header)
    {
        var mediaType = FirstMediaType(header);
        foreach (var type in binaryMediaTypes)
        {
            if (type == "*/*") return true;
            if (mediaType.Length == 0) continue;
            if (type.EndsWith("/*", StringComparison.Ordinal)
                ? mediaType.StartsWith(type[..^1], StringComparison.OrdinalIgnoreCase)
                : string.Equals(type, mediaType, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>The first media type of a header value (<c>image/png;q=0.9, text/*</c> → <c>image/png</c>), lower-cased; empty when none.</summary>
    public static string FirstMediaType(string? header) =>
        (header ?? "").Split(',')[0].Split(';')[0].Trim().ToLowerInvariant();
}
