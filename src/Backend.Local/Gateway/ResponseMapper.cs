using System.Text.Json;
using System.Text;
using Backend.Local.Http;
using Backend.Template;

namespace Backend.Local.Gateway;

/// <summary>Turns a function's proxy response into the HTTP response, or API Gateway's error when it is malformed.</summary>
public static class ResponseMapper
{
    public static HttpReply Map(ApiKind kind, byte[] payload) => kind == ApiKind.Rest ? Rest(payload) : HttpApi(payload);

    /// <summary>Payload 1.0 needs an object with an integer statusCode; anything else is a 502.</summary>
    public static HttpReply Rest(byte[] payload) => TryRest(payload) ?? GatewayErrors.RestIntegrationFailure();

    /// <summary>The function's answer as a REST API passes it on (some headers remapped), or null when it is malformed.</summary>
    public static HttpReply? TryRest(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !TryStatus(root, out var status)) return null;
            return Structured(root, status, defaultContentType: "application/json", allowCookies: false) is { } reply
                ? reply with { Headers = [.. reply.Headers.Select(RemappedHeaders.Remap)] }
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Payload 2.0: an object with statusCode is a response; any other JSON is a 200 with that JSON as body.</summary>
    public static HttpReply HttpApi(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("statusCode", out _))
            {
                return TryStatus(root, out var status)
                    ? Structured(root, status, defaultContentType: "application/json", allowCookies: true) ?? GatewayErrors.HttpIntegrationFailure()
                    : GatewayErrors.HttpIntegrationFailure();
            }
            return new HttpReply(200, [new("Content-Type", "application/json")], payload);
        }
        catch (JsonException)
        {
            return GatewayErrors.HttpIntegrationFailure();
        }
    }

    private static bool TryStatus(JsonElement root, out int status)
    {
        status = 0;
        if (!root.TryGetProperty("statusCode", out var code)) return false;
        var ok = code.ValueKind == JsonValueKind.Number ? code.TryGetInt32(out status)
            : code.ValueKind == JsonValueKind.String && int.TryParse(code.GetString(), out status);
        return ok && status is >= 100 and <= 599;
    }

    private static HttpReply? Structured(JsonElement root, int status, string defaultContentType, bool allowCookies)
    {
        var headers = new List<KeyValuePair<string, string>>();
        if (root.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in multi.EnumerateObject())
            {
                if (header.Value.ValueKind != JsonValueKind.Array) return null;
                foreach (var value in header.Value.EnumerateArray()) headers.Add(new(header.Name, Scalar(value)));
            }
        }
        if (root.TryGetProperty("headers", out var single) && single.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in single.EnumerateObject())
            {
                if (header.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array) return null;
                headers.RemoveAll(h => string.Equals(h.Key, header.Name, StringComparison.OrdinalIgnoreCase));
                headers.Add(new(header.Name, Scalar(header.Value)));
            }
        }
        if (allowCookies && root.TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array)
        {
            foreach (var cookie in cookies.EnumerateArray()) headers.Add(new("Set-Cookie", Scalar(cookie)));
        }
        if (!headers.Any(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
            headers.Add(new("Content-Type", defaultContentType));

        byte[] body = [];
        if (root.TryGetProperty("body", out var bodyElement) && bodyElement.ValueKind != JsonValueKind.Null)
        {
            if (bodyElement.ValueKind != JsonValueKind.String) return null;
            var text = bodyElement.GetString()!;
            var base64 = root.TryGetProperty("isBase64Encoded", out var flag) && flag.ValueKind == JsonValueKind.True;
            try
            {
                body = base64 ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return new HttpReply(status, headers, body);
    }

    private static string Scalar(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
