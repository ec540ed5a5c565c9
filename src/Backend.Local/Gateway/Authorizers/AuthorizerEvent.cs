using System.Text.Json;
using System.Text.Json.Nodes;
using Backend.Lambda.APIGatewayEvents;
using Backend.Template;

namespace Backend.Local.Gateway.Authorizers;

/// <summary>
/// The event API Gateway sends a Lambda authorizer ("Input to an API Gateway Lambda authorizer"; HTTP APIs: "Control
/// access to HTTP APIs with AWS Lambda authorizers", payload format versions 1.0 and 2.0). A REQUEST event is the
/// request's proxy event of the same payload version without its body, with the authorizer's own keys first.
/// </summary>
public static class AuthorizerEvent
{
    /// <summary>
    /// The ARN of the method (REST methodArn, HTTP API routeArn): the request's actual method and path after the
    /// stage, <c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{path}</c>.
    /// </summary>
    public static string MethodArn(RouteMatch match, GatewayRequest request, LocalValues local) =>
        $"arn:aws:execute-api:{local.Region}:{local.AccountId}:{match.Route.Api.ApiId}/{match.Stage}/{request.Method}{match.Path}";

    public static byte[] Build(AuthorizerDefinition authorizer, GatewayRequest request, RouteMatch match, LocalValues local, IReadOnlyList<string> identity)
    {
        var arn = MethodArn(match, request, local);
        if (authorizer.Payload == AuthorizerPayload.Token)
            return Serialize(new JsonObject { ["type"] = "TOKEN", ["authorizationToken"] = identity[0], ["methodArn"] = arn });

        JsonObject head;
        JsonObject proxyEvent;
        if (authorizer.PayloadFormatVersion == "2.0")
        {
            head = new JsonObject { ["version"] = "2.0", ["type"] = "REQUEST", ["routeArn"] = arn, ["identitySource"] = new JsonArray([.. identity.Select(v => (JsonNode)v)]) };
            proxyEvent = JsonSerializer.SerializeToNode(EventBuilder.HttpApi(request, match, local), ApiGatewayJsonContext.Default.APIGatewayHttpApiV2ProxyRequest)!.AsObject();
            proxyEvent.Remove("version");
        }
        else
        {
            head = match.Route.Api.Kind == ApiKind.Rest
                ? new JsonObject { ["type"] = "REQUEST", ["methodArn"] = arn }
                // An HTTP API's 1.0 event names its identity too, joined with commas, under both keys.
                : new JsonObject { ["version"] = "1.0", ["type"] = "REQUEST", ["methodArn"] = arn, ["identitySource"] = string.Join(',', identity), ["authorizationToken"] = string.Join(',', identity) };
            proxyEvent = JsonSerializer.SerializeToNode(EventBuilder.Rest(request, match, local), RestEventJsonContext.Default.APIGatewayProxyRequest)!.AsObject();
        }
        proxyEvent.Remove("body");
        proxyEvent.Remove("isBase64Encoded");
        foreach (var (key, value) in proxyEvent.ToList())
        {
            proxyEvent.Remove(key);
            head[key] = value;
        }
        return Serialize(head);
    }

    private static byte[] Serialize(JsonObject value) => System.Text.Encoding.UTF8.GetBytes(value.ToJsonString());
}
