using Backend.Lambda.Serialization;
using Backend.Local.Http;

namespace Backend.Local.LambdaApi;

/// <summary>
/// The Lambda API's error answers: status, x-amzn-ErrorType, and the body as AWS spells it for that error. AWS is not
/// consistent: not-found errors say <c>"Message"</c>, conflicts, bad values and failed preconditions say
/// <c>"message"</c> (both with <c>"Type": "User"</c>); constraint violations and oversized requests carry only
/// <c>"message"</c>. (Recorded against real AWS in LocalStack's Lambda API snapshots.)
/// </summary>
public static class LambdaApiErrors
{
    private enum Shape
    {
        TypeAndCapitalMessage,
        TypeAndMessage,
        MessageOnly,
    }

    private static HttpReply Error(int status, string errorType, string message, Shape shape, string? reason = null)
    {
        var body = JsonBytes.Write(w =>
        {
            w.WriteStartObject();
            if (reason is not null) w.WriteString("Reason", reason);
            if (shape != Shape.MessageOnly) w.WriteString("Type", "User");
            w.WriteString(shape == Shape.TypeAndCapitalMessage ? "Message" : "message", message);
            w.WriteEndObject();
        });
        return new HttpReply(status, [new("Content-Type", "application/json"), new(LambdaApiHeaders.ErrorType, errorType)], body);
    }

    public static HttpReply NotFound(string message) => Error(404, "ResourceNotFoundException", message, Shape.TypeAndCapitalMessage);

    public static HttpReply FunctionNotFound(string arn) => NotFound($"Function not found: {arn}");

    public static HttpReply Conflict(string message) => Error(409, "ResourceConflictException", message, Shape.TypeAndMessage);

    public static HttpReply InvalidParameter(string message) => Error(400, "InvalidParameterValueException", message, Shape.TypeAndMessage);

    /// <summary>The one InvalidParameterValueException AWS was seen sending without Type: an alias splitting $LATEST.</summary>
    public static HttpReply InvalidParameterWithoutType(string message) => Error(400, "InvalidParameterValueException", message, Shape.MessageOnly);

    public static HttpReply Validation(string message) => Error(400, "ValidationException", "1 validation error detected: " + message, Shape.MessageOnly);

    public static HttpReply RevisionMismatch() => Error(412, "PreconditionFailedException",
        "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id", Shape.TypeAndMessage);

    public static HttpReply Throttled() => Error(429, "TooManyRequestsException", "Rate Exceeded.", Shape.TypeAndMessage, "ReservedFunctionConcurrentInvocationLimitExceeded")
        is var reply ? reply with { Headers = [.. reply.Headers, new("Retry-After", "1")] } : reply;

    public static HttpReply EntityTooLarge(int limit, string operation) =>
        Error(413, "RequestEntityTooLargeException", $"Request must be smaller than {limit} bytes for the {operation} operation", Shape.MessageOnly);

    public static HttpReply TooLarge(int limit) =>
        Error(413, "RequestTooLargeException", $"Request must be smaller than {limit} bytes for the InvokeFunction operation", Shape.TypeAndCapitalMessage);

    public static HttpReply InvalidJson(string detail) =>
        Error(400, "InvalidRequestContentException", $"Could not parse request body into json: {detail}", Shape.TypeAndCapitalMessage);

    public static HttpReply InvalidClientContext() =>
        Error(400, "InvalidRequestContentException", "Client context must be a valid Base64-encoded JSON object.", Shape.TypeAndCapitalMessage);

    public static HttpReply UnknownOperation(string method, string path) =>
        Error(404, "UnknownOperationException", $"Unknown operation {method} {path}", Shape.TypeAndCapitalMessage);

    public static HttpReply NotServedOperation(string operation) =>
        Error(404, "UnknownOperationException", $"{operation} is not served by this local Lambda endpoint", Shape.TypeAndCapitalMessage);

    /// <summary>What this endpoint does not serve (images, S3 code, layers, …): said plainly rather than pretended.</summary>
    public static HttpReply NotServed(string what) =>
        InvalidParameter($"{what} is not served by this local Lambda endpoint: it runs zip packages uploaded as ZipFile");
}

/// <summary>An operation refused with one of Lambda's errors; the endpoint answers with <see cref="Reply"/>.</summary>
public sealed class LambdaApiException(HttpReply reply) : Exception(System.Text.Encoding.UTF8.GetString(reply.Body))
{
    public HttpReply Reply { get; } = reply;
}
