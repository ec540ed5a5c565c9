using System.Text.Json;
using System.Text.Json.Serialization;

namespace Backend.Lambda.APIGatewayEvents;

/// <summary>
/// An API Gateway REST API proxy event, payload format 1.0 (Amazon.Lambda.APIGatewayEvents). API Gateway writes
/// every key of it, null when empty; the few marked <c>WhenWritingNull</c> are ones it leaves out unless they apply.
/// </summary>
public sealed class APIGatewayProxyRequest
{
    public string? Resource { get; set; }
    public string? Path { get; set; }
    public string? HttpMethod { get; set; }
    public IDictionary<string, string>? Headers { get; set; }
    public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }
    public IDictionary<string, string>? QueryStringParameters { get; set; }
    public IDictionary<string, IList<string>>? MultiValueQueryStringParameters { get; set; }
    public IDictionary<string, string>? PathParameters { get; set; }
    public IDictionary<string, string>? StageVariables { get; set; }
    public ProxyRequestContext? RequestContext { get; set; }
    public string? Body { get; set; }
    public bool IsBase64Encoded { get; set; }

    public sealed class ProxyRequestContext
    {
        public string? Path { get; set; }
        public string? AccountId { get; set; }
        public string? ResourceId { get; set; }
        public string? Stage { get; set; }
        public string? RequestId { get; set; }
        public string? ExtendedRequestId { get; set; }
        public RequestIdentity? Identity { get; set; }
        public string? ResourcePath { get; set; }
        public string? HttpMethod { get; set; }
        public string? ApiId { get; set; }
        public string? Protocol { get; set; }
        public string? DomainName { get; set; }
        public string? DomainPrefix { get; set; }
        public string? RequestTime { get; set; }
        public long RequestTimeEpoch { get; set; }
        /// <summary>What an authorizer attached; arbitrary JSON, so kept as elements. Absent without an authorizer.</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IDictionary<string, JsonElement>? Authorizer { get; set; }
    }

    public sealed class RequestIdentity
    {
        public string? CognitoIdentityPoolId { get; set; }
        public string? AccountId { get; set; }
        public string? CognitoIdentityId { get; set; }
        public string? Caller { get; set; }
        /// <summary>Only on methods that require an API key (captured events have apiKey and apiKeyId there, and neither elsewhere).</summary>
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? ApiKey { get; set; }
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string? ApiKeyId { get; set; }
        /// <summary>The AWS Organizations id of an IAM caller; null otherwise.</summary>
        public string? PrincipalOrgId { get; set; }
        public string? AccessKey { get; set; }
        public string? SourceIp { get; set; }
        public string? CognitoAuthenticationType { get; set; }
        public string? CognitoAuthenticationProvider { get; set; }
        public string? UserArn { get; set; }
        public string? UserAgent { get; set; }
        public string? User { get; set; }
    }
}
