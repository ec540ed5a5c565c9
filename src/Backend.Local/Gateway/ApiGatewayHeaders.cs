namespace Backend.Local.Gateway;

/// <summary>
/// The header names API Gateway itself adds: to the events it sends the function, and to the answers it sends the
/// client. One definition, shared by the code that writes them, the console that reads them and the tests.
/// </summary>
public static class ApiGatewayHeaders
{
    /// <summary>A REST API's request id on every answer.</summary>
    public const string RestRequestId = "x-amzn-RequestId";

    /// <summary>
    /// A REST API's extended request id on every answer, the requestContext.extendedRequestId of the event
    /// (captured REST answers: <c>x-amz-apigw-id: KtF82HGdliAFjxw=</c>).
    /// </summary>
    public const string RestExtendedRequestId = "x-amz-apigw-id";

    /// <summary>An HTTP API's request id on every answer, as HTTP/1.1 clients see it spelled.</summary>
    public const string HttpRequestId = "Apigw-Requestid";

    /// <summary>The error type of API Gateway's own answers (its gateway responses).</summary>
    public const string ErrorType = "x-amzn-ErrorType";

    /// <summary>The X-Ray trace of the request: on a REST answer when the integration succeeded.</summary>
    public const string TraceId = "X-Amzn-Trace-Id";

    /// <summary>
    /// Added to the event's headers, as any proxy adds them (the AWS example events of "Lambda proxy integrations
    /// in API Gateway" and of HTTP APIs carry all three).
    /// </summary>
    public const string ForwardedFor = "X-Forwarded-For";
    public const string ForwardedProto = "X-Forwarded-Proto";
    public const string ForwardedPort = "X-Forwarded-Port";

    /// <summary>What a REST API puts before the name of an integration response header it cannot pass on.</summary>
    public const string RemappedPrefix = "x-amzn-Remapped-";
}
