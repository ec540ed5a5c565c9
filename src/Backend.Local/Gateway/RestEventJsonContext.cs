using System.Text.Json.Serialization;
using Backend.Lambda.APIGatewayEvents;

namespace Backend.Local.Gateway;

/// <summary>
/// How a REST API writes its proxy event (payload 1.0): every key present, <c>null</c> when empty: body,
/// queryStringParameters, multiValueQueryStringParameters, pathParameters, stageVariables, and the
/// requestContext.identity fields of callers that are not IAM or Cognito ("Lambda proxy integrations in API Gateway",
/// input format example: <c>"queryStringParameters": null</c>, <c>"cognitoIdentityPoolId": null</c>, …). A function
/// that tests <c>'key' in event</c> sees what it sees on AWS. HTTP API events (payload 2.0) leave empty keys out,
/// and keep <see cref="ApiGatewayJsonContext"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
public sealed partial class RestEventJsonContext : JsonSerializerContext;
