using System.Text;
using System.Text.Json;
using Backend.Local.Gateway;

namespace Backend.Local.InvokeApi;

/// <summary>The Lambda API's error answers: status, x-amzn-ErrorType, and <c>{"Type": "User", "Message": …}</c>.</summary>
public static class LambdaApiErrors
{
    public static GatewayResponse Error(int status, string errorType, string message)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("Type", "User");
            writer.WriteString("Message", message);
            writer.WriteEndObject();
        }
        return new GatewayResponse(status, [new("Content-Type", "application/json"), new("x-amzn-ErrorType", errorType)], buffer.ToArray());
    }

    public static GatewayResponse FunctionNotFound(string arn) => Error(404, "ResourceNotFoundException", $"Function not found: {arn}");

    public static GatewayResponse TooLarge(int limit) =>
        Error(413, "RequestTooLargeException", $"Request must be smaller than {limit} bytes for the InvokeFunction operation");

    public static GatewayResponse InvalidJson(string detail) =>
        Error(400, "InvalidRequestContentException", $"Could not parse request body into json: {detail}");

    public static GatewayResponse InvalidParameter(string message) => Error(400, "InvalidParameterValueException", message);

    public static GatewayResponse UnknownOperation(string method, string path) =>
        Error(404, "UnknownOperationException", $"Unknown operation {method} {path}");

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
