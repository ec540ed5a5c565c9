namespace Backend.Template;

/// <summary>What a Lambda authorizer is sent: the token of one header (REST TOKEN) or the request (REST REQUEST, HTTP API).</summary>
public enum AuthorizerPayload
{
    Token,
    Request,
}

/// <summary>
/// A Lambda authorizer of an API's <c>Auth.Authorizers</c>, as SAM turns it into API Gateway's authorizer
/// (aws-sam-translator model/apigateway.py ApiGatewayAuthorizer, model/apigatewayv2.py ApiGatewayV2Authorizer).
/// </summary>
/// <param name="FunctionLogicalId">The template function FunctionArn names (<c>!GetAtt Fn.Arn</c>).</param>
/// <param name="IdentitySources">
/// What the request must carry, all present and non-empty, before the function runs, in API Gateway's notation:
/// <c>method.request.header.X</c>, <c>method.request.querystring.X</c>, <c>stageVariables.X</c>, <c>context.X</c>
/// (REST), <c>$request.header.X</c>, <c>$request.querystring.X</c>, … (HTTP API). A TOKEN authorizer has one header.
/// </param>
/// <param name="ValidationExpression">TOKEN only: a regular expression the whole token must match, or 401 without a call.</param>
/// <param name="TtlSeconds">ReauthorizeEvery: how long an answer is cached per identity; 0 = never cached.</param>
/// <param name="PayloadFormatVersion">1.0 (every REST authorizer) or 2.0 (an HTTP API's AuthorizerPayloadFormatVersion).</param>
/// <param name="SimpleResponses">HTTP API EnableSimpleResponses: the function answers {"isAuthorized": bool}, not a policy.</param>
public sealed record AuthorizerDefinition(
    string Name,
    string FunctionLogicalId,
    AuthorizerPayload Payload,
    IReadOnlyList<string> IdentitySources,
    string? ValidationExpression,
    int TtlSeconds,
    string PayloadFormatVersion = "1.0",
    bool SimpleResponses = false)
{
    /// <summary>API Gateway's authorizerResultTtlInSeconds when none is set ("If this field is not set, the default value is 300").</summary>
    public const int DefaultTtlSeconds = 300;

    /// <summary>The TOKEN authorizer's header when Identity.Header is not set (SAM's _get_identity_header).</summary>
    public const string DefaultTokenHeader = "Authorization";
}
