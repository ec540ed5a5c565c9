using Backend.Template;

namespace Backend.Local.Gateway.Authorizers;

/// <summary>
/// The values of an authorizer's identity sources in a request. API Gateway calls the authorizer only when every one
/// is present and non-empty, and answers 401 without a call otherwise (CreateAuthorizer, identitySource: "verifying
/// all of the identity-related request parameters are present in the request, not null, and non-empty"). The values
/// are also the key its answers are cached under.
/// </summary>
public static class IdentitySources
{
    /// <summary>The values in the order of the sources, or null when one is missing or empty.</summary>
    public static IReadOnlyList<string>? Values(AuthorizerDefinition authorizer, GatewayRequest request, RouteMatch match)
    {
        var values = new List<string>();
        foreach (var source in authorizer.IdentitySources)
        {
            var value = ValueOf(source.TrimStart('$'), request, match);
            if (string.IsNullOrEmpty(value)) return null;
            values.Add(value);
        }
        return values;
    }

    // REST writes method.request.header.X, HTTP APIs request.header.X (after the '$'); both stageVariables.X and context.X.
    private static string? ValueOf(string source, GatewayRequest request, RouteMatch match)
    {
        if (After(source, "method.request.header.", "request.header.") is { } header) return request.Header(header);
        if (After(source, "method.request.querystring.", "request.querystring.") is { } name)
            return request.QueryPairs().LastOrDefault(p => p.Key == name).Value;
        if (After(source, "stageVariables.") is { } variable) return match.Route.Api.StageVariables.GetValueOrDefault(variable);
        return After(source, "context.") switch
        {
            "httpMethod" => request.Method,
            "stage" => match.Stage,
            "path" => "/" + match.Stage + match.Path,
            "resourcePath" => match.Route.Path,
            "requestId" => request.RequestId,
            "identity.sourceIp" => request.SourceIp,
            "identity.userAgent" => request.Header("User-Agent"),
            "apiId" => match.Route.Api.ApiId,
            _ => null,
        };
    }

    private static string? After(string source, params string[] prefixes) =>
        prefixes.FirstOrDefault(p => source.StartsWith(p, StringComparison.Ordinal)) is { } prefix ? source[prefix.Length..] : null;
}
