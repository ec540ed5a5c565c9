namespace Backend.Template;

/// <summary>
/// The $context variables API Gateway documents for access logs, per kind of API (names without "$context."):
/// REST from "Variables for access logging for API Gateway", HTTP from "Customize HTTP API access logs" (API Gateway
/// Developer Guide). Which of them the emulator can know is the renderer's business; these lists only say what a
/// deployable format may name.
/// </summary>
public static class AccessLogVariables
{
    private static readonly HashSet<string> Shared = new(StringComparer.Ordinal)
    {
        "accountId", "apiId", "awsEndpointRequestId", "customDomain.basePathMatched", "domainName", "domainPrefix",
        "error.message", "error.messageString", "error.responseType", "extendedRequestId", "httpMethod",
        "identity.accountId", "identity.caller", "identity.cognitoAuthenticationProvider", "identity.cognitoAuthenticationType",
        "identity.cognitoIdentityId", "identity.cognitoIdentityPoolId", "identity.principalOrgId", "identity.sourceIp",
        "identity.user", "identity.userAgent", "identity.userArn",
        "integration.error", "integration.integrationStatus", "integration.latency", "integration.requestId", "integration.status",
        "integrationLatency", "integrationStatus", "path", "protocol", "requestId", "requestTime", "requestTimeEpoch",
        "responseLatency", "responseLength", "stage", "status",
    };

    private static readonly HashSet<string> RestOnly = new(StringComparer.Ordinal)
    {
        "authorize.error", "authorize.latency", "authorize.status", "authenticate.error", "authenticate.latency", "authenticate.status",
        "deploymentId", "error.validationErrorString", "identity.apiKey", "identity.apiKeyId", "identity.vpcId", "identity.vpceId",
        "isCanaryRequest", "resourceId", "resourcePath", "waf.error", "waf.latency", "waf.status", "wafResponseCode", "webaclArn", "xrayTraceId",
    };

    private static readonly HashSet<string> HttpOnly = new(StringComparer.Ordinal)
    {
        "awsEndpointRequestId2", "dataProcessed", "integrationErrorMessage", "routeKey",
    };

    /// <summary>Families whose last part is the user's (an authorizer's context key, a claim, a certificate field, an override's name).</summary>
    private static readonly string[] RestFamilies = ["authorizer.", "identity.clientCert.", "requestOverride.", "responseOverride."];
    private static readonly string[] HttpFamilies = ["authorizer.", "identity.clientCert."];

    public static bool IsKnown(string name, ApiKind kind) =>
        Shared.Contains(name)
        || (kind == ApiKind.Rest ? RestOnly : HttpOnly).Contains(name)
        || (kind == ApiKind.Rest ? RestFamilies : HttpFamilies).Any(f => name.StartsWith(f, StringComparison.Ordinal) && name.Length > f.Length);
}
