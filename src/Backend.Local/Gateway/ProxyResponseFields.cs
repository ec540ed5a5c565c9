using System.Globalization;
using System.Text;
using System.Text.Json;
using Backend.Lambda.APIGatewayEvents;

namespace Backend.Local.Gateway;

/// <summary>
/// How API Gateway reads the fields of a function's proxy response, shared by both payload formats. The key names
/// are the response types' own (<see cref="APIGatewayProxyResponse"/>, <see cref="APIGatewayHttpApiV2ProxyResponse"/>),
/// as the functions write them. Each reader returns false when the field makes the response malformed.
/// </summary>
public static class ProxyResponseFields
{
    public static readonly string StatusCode = KeyOf(nameof(APIGatewayProxyResponse.StatusCode));
    public static readonly string Headers = KeyOf(nameof(APIGatewayProxyResponse.Headers));
    public static readonly string MultiValueHeaders = KeyOf(nameof(APIGatewayProxyResponse.MultiValueHeaders));
    public static readonly string Body = KeyOf(nameof(APIGatewayProxyResponse.Body));
    public static readonly string IsBase64Encoded = KeyOf(nameof(APIGatewayProxyResponse.IsBase64Encoded));
    public static readonly string Cookies = KeyOf(nameof(APIGatewayHttpApiV2ProxyResponse.Cookies));

    /// <summary>
    /// The status. Absent or null is 200: a REST API answers <c>{}</c> and <c>{"headers":{…}}</c> with 200 and an empty
    /// body (LocalStack's AWS-validated tests test_lambda_aws_proxy_response_format and
    /// test_aws_proxy_response_payload_format_validation). A numeric string counts (<c>"201"</c> → 201, same tests),
    /// any other string is malformed (<c>"test"</c> → 502, same test). A number with a fraction of zero (<c>200.0</c>)
    /// is that integer, as a lenient JSON binder reads it (not checked against AWS); <c>200.5</c> is malformed. Outside
    /// 100–599 is malformed: HTTP status codes are three digits, 1xx to 5xx (RFC 9110 §15); the AWS documents name no
    /// other range ("If the function output is of a different format, API Gateway returns a 502").
    /// </summary>
    public static bool TryStatus(JsonElement root, out int status)
    {
        status = 200;
        if (!root.TryGetProperty(StatusCode, out var code) || code.ValueKind == JsonValueKind.Null) return true;
        switch (code.ValueKind)
        {
            case JsonValueKind.Number when code.TryGetDecimal(out var number) && decimal.Truncate(number) == number && number is >= 100m and <= 599m:
                status = (int)number;
                return true;
            case JsonValueKind.String:
                return int.TryParse(code.GetString(), NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                    CultureInfo.InvariantCulture, out status) && status is >= 100 and <= 599;
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether the body is base64: absent or null is false; a boolean; or the strings <c>true</c>/<c>True</c>/
    /// <c>false</c>/<c>False</c>, which API Gateway also accepts (undocumented; aws-sam-cli's get_base_64_encoded,
    /// "based on some trials"). Anything else is malformed.
    /// </summary>
    public static bool TryBase64Flag(JsonElement root, string key, out bool? flag)
    {
        flag = null;
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return true;
        flag = value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => value.GetString() switch { "true" or "True" => true, "false" or "False" => false, _ => null },
            _ => null,
        };
        return flag is not null;
    }

    /// <summary>
    /// The body: absent or null is empty; else it must be a string ("body": {…} is "Malformed Lambda proxy response",
    /// a real API Gateway test log in vincentsarago/lambda-proxy#59), decoded when base64.
    /// </summary>
    public static bool TryBody(JsonElement root, bool base64, out byte[] body)
    {
        body = [];
        if (!root.TryGetProperty(Body, out var value) || value.ValueKind == JsonValueKind.Null) return true;
        if (value.ValueKind != JsonValueKind.String) return false;
        var text = value.GetString()!;
        if (!base64)
        {
            body = Encoding.UTF8.GetBytes(text);
            return true;
        }
        body = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, body, out var written)) return false;
        body = body[..written];
        return true;
    }

    /// <summary>
    /// The single-value <c>headers</c> map: absent or null adds nothing (<c>"headers": null</c> is a 200, LocalStack's
    /// AWS-validated test); any other non-object, or a value that is an object or array, is malformed.
    /// </summary>
    public static bool TryHeaders(JsonElement root, out List<KeyValuePair<string, string>> headers)
    {
        headers = [];
        if (!root.TryGetProperty(Headers, out var map) || map.ValueKind == JsonValueKind.Null) return true;
        if (map.ValueKind != JsonValueKind.Object) return false;
        foreach (var header in map.EnumerateObject())
        {
            if (header.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array) return false;
            headers.Add(new(header.Name, Scalar(header.Value)));
        }
        return true;
    }

    /// <summary>A header value as text: a string as it is, <c>true</c> as "true" (LocalStack's AWS-validated test), a number as written.</summary>
    public static string Scalar(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>A key as the response types serialize their properties: camelCase.</summary>
    private static string KeyOf(string propertyName) => JsonNamingPolicy.CamelCase.ConvertName(propertyName);
}
