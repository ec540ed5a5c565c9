using Backend.Lambda.Serialization;

namespace Backend.Lambda.APIGatewayEvents;

/// <summary>Small helpers for the JSON answers our functions give through API Gateway.</summary>
public static class JsonResponses
{
    private const string JsonContentType = "application/json";

    /// <summary>A REST API (payload 1.0) response with a JSON body.</summary>
    public static APIGatewayProxyResponse Rest(int statusCode, string jsonBody, IDictionary<string, string>? extraHeaders = null) => new()
    {
        StatusCode = statusCode,
        Headers = WithContentType(extraHeaders),
        Body = jsonBody,
    };

    /// <summary>A REST API (payload 1.0) response with the body <c>{"message": message}</c>.</summary>
    public static APIGatewayProxyResponse RestMessage(int statusCode, string message) => Rest(statusCode, MessageBody(message));

    /// <summary>An HTTP API (payload 2.0) response with a JSON body.</summary>
    public static APIGatewayHttpApiV2ProxyResponse HttpApi(int statusCode, string jsonBody, IDictionary<string, string>? extraHeaders = null) => new()
    {
        StatusCode = statusCode,
        Headers = WithContentType(extraHeaders),
        Body = jsonBody,
    };

    /// <summary><c>{"message": …}</c>, the error shape API Gateway itself uses, properly escaped.</summary>
    public static string MessageBody(string message) => JsonBytes.WriteString(w =>
    {
        w.WriteStartObject();
        w.WriteString("message", message);
        w.WriteEndObject();
    });

    private static Dictionary<string, string> WithContentType(IDictionary<string, string>? extra)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = JsonContentType };
        if (extra is not null)
        {
            foreach (var (name, value) in extra) headers[name] = value;
        }
        return headers;
    }
}
