using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Backend.Local.ControlPlane;
using Backend.Local.Http;
using Backend.Local.Runtime;
using Backend.Template;

namespace Backend.Local.Gateway.Authorizers;

/// <summary>What the authorizer step decided: a refusal to send, or what the function finds in requestContext.authorizer.</summary>
public sealed record AuthorizerVerdict(HttpReply? Refusal, Dictionary<string, JsonElement>? RequestContext);

/// <summary>
/// API Gateway's Lambda authorizer step, between routing and the request validator: check the identity sources,
/// call the authorizer function (or take its cached answer), evaluate its policy against the method ARN, and pass
/// principalId and context on to the integration.
/// </summary>
public sealed class LambdaAuthorizers(FunctionCatalog functions, TimeProvider clock)
{
    /// <summary>REST: a TOKEN authorizer that throws exactly this message makes API Gateway answer 401, not 500.</summary>
    private const string UnauthorizedMessage = "Unauthorized";

    public AuthorizerCache Cache { get; } = new(clock);

    public async Task<AuthorizerVerdict> AuthorizeAsync(AuthorizerDefinition authorizer, GatewayRequest request, RouteMatch match, CancellationToken cancellationToken)
    {
        var kind = match.Route.Api.Kind;
        var identity = IdentitySources.Values(authorizer, request, match);
        if (identity is null || !Valid(authorizer, identity)) return Refuse(GatewayErrors.AuthorizerUnauthorized(kind));

        var key = AuthorizerCache.Key(match.Route.Api, authorizer, identity);
        var output = Cache.Get(key);
        if (output is null)
        {
            var payload = AuthorizerEvent.Build(authorizer, request, match, functions.Local, identity);
            var result = await InvokeAsync(authorizer.FunctionLogicalId, payload, kind, cancellationToken);
            if (result is InvocationResult.FunctionError error && kind == ApiKind.Rest && ErrorMessage(error) == UnauthorizedMessage)
                return Refuse(GatewayErrors.AuthorizerUnauthorized(kind));
            if (result is not InvocationResult.Success success || AuthorizerOutput.Parse(success.Output, authorizer) is not { } parsed)
                return Refuse(GatewayErrors.AuthorizerFailure(kind));
            output = parsed;
            Cache.Put(key, output, authorizer.TtlSeconds);
        }
        return output.Decide(AuthorizerEvent.MethodArn(match, request, functions.Local)) switch
        {
            PolicyDecision.Allow => new AuthorizerVerdict(null, RequestContext(output, kind)),
            var denied => Refuse(GatewayErrors.AccessDenied(kind, denied == PolicyDecision.ExplicitDeny)),
        };
    }

    private static AuthorizerVerdict Refuse(HttpReply reply) => new(reply, null);

    /// <summary>A TOKEN authorizer's ValidationExpression: the whole token must match, or 401 without a call.</summary>
    private static bool Valid(AuthorizerDefinition authorizer, IReadOnlyList<string> identity)
    {
        if (authorizer.ValidationExpression is not { } expression) return true;
        try
        {
            return Regex.IsMatch(identity[0], $"^(?:{expression})$", RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (RegexMatchTimeoutException)
        {
            // A token that takes the expression a second to match is not one it accepts.
            return false;
        }
    }

    /// <summary>The authorizer function, invoked as the integration's function is; null when it is gone or timed out.</summary>
    private async Task<InvocationResult?> InvokeAsync(string logicalId, byte[] payload, ApiKind kind, CancellationToken cancellationToken)
    {
        if (functions.Find(logicalId) is not { } function) return null;
        try
        {
            var pool = functions.InvokeTarget(new FunctionAddress(function.Name, null));
            return await pool.InvokeAsync(new Invocation(payload), cancellationToken)
                .WaitAsync(kind == ApiKind.Rest ? ApiGatewayLimits.RestIntegrationTimeout : ApiGatewayLimits.HttpIntegrationTimeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or Backend.Local.LambdaApi.LambdaApiException)
        {
            return null;
        }
    }

    private static string? ErrorMessage(InvocationResult.FunctionError error)
    {
        try
        {
            return JsonNode.Parse(error.Body) is JsonObject o && o["errorMessage"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// requestContext.authorizer of the integration's event. REST: principalId and the context's keys side by side,
    /// every value a string (API Gateway turns the context's numbers and booleans into their text). HTTP API (payload
    /// 2.0 events): the context under "lambda", as the authorizer gave it.
    /// </summary>
    private static Dictionary<string, JsonElement> RequestContext(AuthorizerOutput output, ApiKind kind)
    {
        if (kind == ApiKind.Http)
            return new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["lambda"] = JsonSerializer.SerializeToElement(output.Context, JsonNodeJson.Default.JsonObject) };
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in output.Context)
        {
            if (value is null) continue;
            var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
            values[name] = JsonSerializer.SerializeToElement(text, JsonNodeJson.Default.String);
        }
        values["principalId"] = JsonSerializer.SerializeToElement(output.PrincipalId ?? "", JsonNodeJson.Default.String);
        return values;
    }
}
