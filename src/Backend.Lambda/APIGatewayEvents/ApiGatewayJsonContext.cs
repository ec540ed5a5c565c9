using System.Text.Json.Serialization;

namespace Backend.Lambda.APIGatewayEvents;

/// <summary>
/// Source-generated JSON for the API Gateway events. Names are camelCase as API Gateway writes them;
/// absent members stay absent in what we write (null is not sent back to API Gateway).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest))]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest.ProxyRequestContext), TypeInfoPropertyName = "HttpApiV2ProxyRequestContext")]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyRequest.HttpDescription), TypeInfoPropertyName = "HttpApiV2HttpDescription")]
[JsonSerializable(typeof(APIGatewayHttpApiV2ProxyResponse))]
public sealed partial class ApiGatewayJsonContext : JsonSerializerContext;
