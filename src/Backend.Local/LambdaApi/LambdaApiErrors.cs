using Backend.Lambda.Serialization;
using Backend.Local.Http;

namespace Backend.Local.LambdaApi;

/// <summary>The Lambda API's error answers: status, x-amzn-ErrorType, and <c>{"Type": "User", "Message": …}</c>.</summary>
public static class LambdaApiErrors
{
    public static HttpReply Error(int status, string errorType, string message)
    {
        var body = JsonBytes.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("Type", "User");
            w.WriteString("Message", message);
            w.WriteEndObject();
        });
        return new HttpReply(status, [new("Content-Type", "application/json"), new("x-amzn-ErrorType", errorType)], body);
    }

    public static HttpReply FunctionNotFound(string arn) => Error(404, "ResourceNotFoundException", $"Function not found: {arn}");

    public static HttpReply TooLarge(int limit) =>
        Error(413, "RequestTooLargeException", $"Request must be smaller than {limit} bytes for the InvokeFunction operation");

    public static HttpReply InvalidJson(string detail) =>
        Error(400, "InvalidRequestContentException", $"Could not parse request body into json: {detail}");

    public static HttpReply InvalidClientContext() =>
        Error(400, "InvalidRequestContentException", "Client context must be a valid Base64-encoded JSON object.");

    public static HttpReply InvalidParameter(string message) => Error(400, "InvalidParameterValueException", message);

    public static HttpReply UnknownOperation(string method, string path) =>
        Error(404, "UnknownOperationException", $"Unknown operation {method} {path}");
}
