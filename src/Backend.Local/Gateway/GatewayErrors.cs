using System.Text;
using Backend.Local.Http;
using Backend.Template;

namespace Backend.Local.Gateway;

/// <summary>API Gateway's own answers (its gateway responses), with its exact statuses and bodies.</summary>
public static class GatewayErrors
{
    /// <summary>API Gateway's own answer: <c>{"message": …}</c> as JSON, and the error type it names in x-amzn-ErrorType.</summary>
    public static HttpReply Message(int statusCode, string message, string? errorType = null)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/json") };
        if (errorType is not null) headers.Add(new(ApiGatewayHeaders.ErrorType, errorType));
        return new HttpReply(statusCode, headers, Encoding.UTF8.GetBytes(Backend.Lambda.APIGatewayEvents.JsonResponses.MessageBody(message)));
    }

    /// <summary>MISSING_AUTHENTICATION_TOKEN: a request without the credentials an AWS_IAM route needs.</summary>
    public static HttpReply MissingAuthenticationToken() => Message(403, "Missing Authentication Token", "MissingAuthenticationTokenException");

    /// <summary>A REST API has no "not found": an unmatched route gets the MISSING_AUTHENTICATION_TOKEN response too.</summary>
    public static HttpReply RestNoRoute() => MissingAuthenticationToken();

    public static HttpReply HttpNoRoute() => Message(404, "Not Found");
    public static HttpReply MissingParameters(IEnumerable<string> names) =>
        Message(400, $"Missing required request parameters: [{string.Join(", ", names)}]", "BadRequestException");
    public static HttpReply InvalidBody() => Message(400, "Invalid request body", "BadRequestException");

    /// <summary>
    /// A function error or a malformed proxy response on a REST API: 502, and the error type a captured API Gateway
    /// answer names (<c>"x-amzn-ErrorType": "InternalServerErrorException"</c> beside <c>{"message": "Internal server error"}</c>).
    /// </summary>
    public static HttpReply RestIntegrationFailure() => Message(502, "Internal server error", "InternalServerErrorException");
    public static HttpReply HttpIntegrationFailure() => Message(500, "Internal Server Error");

    /// <summary>
    /// Lambda throttled the invocation (429): a REST proxy integration cannot pass that on and answers 500 (AWS
    /// re:Post "API Gateway proxy integration does not forward Lambda throttling (HTTP 429)"; Lambda's 429 maps to the
    /// INTEGRATION_FAILURE gateway response). An HTTP API answers its usual 500 too.
    /// </summary>
    public static HttpReply RestThrottledIntegration() => Message(500, "Internal server error");
    /// <summary>
    /// THROTTLED: the method's token bucket is empty. A REST API names TooManyRequestsException (captured answers:
    /// <c>x-amzn-errortype: TooManyRequestsException</c> with <c>{"message":"Too Many Requests"}</c>); an HTTP API,
    /// which names no error type on its own answers, the same status and body.
    /// </summary>
    public static HttpReply Throttled(Backend.Template.ApiKind kind) =>
        kind == Backend.Template.ApiKind.Rest ? Message(429, "Too Many Requests", "TooManyRequestsException") : Message(429, "Too Many Requests");

    public static HttpReply RestTimeout() => Message(504, "Endpoint request timed out");
    public static HttpReply HttpTimeout() => Message(503, "Service Unavailable");
    public static HttpReply TooLarge() => Message(413, "Request Too Long");
    public static HttpReply UrlTooLong() => Message(414, "Request-URI Too Long");
    public static HttpReply HeadersTooLarge() => Message(431, "Request Header Fields Too Large");

    /// <summary>
    /// UNAUTHORIZED: an authorizer's identity source is missing, empty or fails its ValidationExpression (the
    /// authorizer is not called), or a REST TOKEN authorizer threw "Unauthorized". 401 on both kinds of API.
    /// </summary>
    public static HttpReply AuthorizerUnauthorized(ApiKind kind) =>
        kind == ApiKind.Rest ? Message(401, "Unauthorized", "UnauthorizedException") : Message(401, "Unauthorized");

    /// <summary>
    /// ACCESS_DENIED: the authorizer's policy does not allow the method. A REST API answers with a capital-M
    /// "Message" and says whether a Deny statement matched (AWS Knowledge Center "troubleshoot HTTP 403 Forbidden
    /// errors when using a Lambda authorizer": "… with an explicit deny" vs the implicit deny); an HTTP API answers 403
    /// Forbidden.
    /// </summary>
    public static HttpReply AccessDenied(ApiKind kind, bool explicitDeny) =>
        kind == ApiKind.Rest
            ? Json(403, Backend.Lambda.Serialization.JsonBytes.WriteString(w =>
            {
                w.WriteStartObject();
                w.WriteString("Message", explicitDeny ? "User is not authorized to access this resource with an explicit deny" : "User is not authorized to access this resource");
                w.WriteEndObject();
            }), "AccessDeniedException")
            : Message(403, "Forbidden");

    /// <summary>
    /// AUTHORIZER_CONFIGURATION_ERROR: the authorizer failed, timed out or answered something that is not a valid
    /// output. A REST API answers 500 with <c>{"message": null}</c> (its default template of $context.error.messageString,
    /// empty for this error); an HTTP API its usual 500.
    /// </summary>
    public static HttpReply AuthorizerFailure(ApiKind kind) =>
        kind == ApiKind.Rest ? Json(500, """{"message":null}""", "AuthorizerConfigurationException") : Message(500, "Internal Server Error");

    private static HttpReply Json(int statusCode, string body, string errorType) =>
        new(statusCode, [new("Content-Type", "application/json"), new(ApiGatewayHeaders.ErrorType, errorType)], Encoding.UTF8.GetBytes(body));
}
