using System.Text;
using Backend.Local.Http;
using Backend.Template;

namespace Backend.Local.Gateway;

/// <summary>
/// SAM's Cors on a REST API: aws-sam-translator adds to every path of the API an OPTIONS method whose MOCK
/// integration answers 200 with the response template <c>{}</c> and, as responseParameters,
/// Access-Control-Allow-Origin always, Access-Control-Allow-Headers, -Allow-Methods and -Max-Age when configured, and
/// Access-Control-Allow-Credentials: true when AllowCredentials is (samtranslator/swagger/swagger.py,
/// <c>_options_method_response_for_cors</c>). No function runs. A path whose OPTIONS is a route of its own keeps
/// it (SAM adds no mock there). The functions' own answers get no CORS header from API Gateway: a proxy
/// integration passes them as they are, so a function that browsers call adds Access-Control-Allow-Origin itself.
/// </summary>
public static class CorsPreflight
{
    /// <summary>What SAM allows on a path with an ANY method (its _ALL_HTTP_METHODS), sorted as it sorts them.</summary>
    private static readonly string[] AllMethods = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

    /// <summary>The path's API answers this OPTIONS request itself, or null when it is a request like any other.</summary>
    public static HttpReply? Answer(RouteTable routes, GatewayRequest request)
    {
        if (request.Method != "OPTIONS" || routes.MatchResource(request.RawPath) is not { } resource) return null;
        var api = resource.Route.Api;
        if (api.Cors is not { } cors) return null;
        var onPath = routes.Routes.Where(r => ReferenceEquals(r.Api, api) && r.Path == resource.Route.Path).ToList();
        if (onPath.Any(r => r.Method == "OPTIONS")) return null;
        // AddDefaultAuthorizerToCorsPreflight (SAM's default: true) puts the API's authorizer on the OPTIONS methods too.
        if (api.Authorization == ApiDefinition.IamAuthorization && api.AuthorizeCorsPreflight && IamAuthorization.Check(request) is { } refused) return refused;

        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", "application/json"),
            new(CorsHeaders.AllowOrigin, cors.AllowOrigin),
        };
        if (cors.AllowHeaders is { } allowHeaders) headers.Add(new(CorsHeaders.AllowHeaders, allowHeaders));
        headers.Add(new(CorsHeaders.AllowMethods, cors.AllowMethods ?? MethodsOf(onPath)));
        if (cors.MaxAge is { } maxAge) headers.Add(new(CorsHeaders.MaxAge, maxAge));
        if (cors.AllowCredentials) headers.Add(new(CorsHeaders.AllowCredentials, "true"));
        return new HttpReply(200, headers, Encoding.UTF8.GetBytes("{}"));
    }

    /// <summary>AllowMethods left out: the path's methods and OPTIONS, upper-case, sorted (SAM's _make_cors_allowed_methods_for_path_item).</summary>
    private static string MethodsOf(IReadOnlyList<RouteDefinition> onPath) =>
        onPath.Any(r => r.Method == "ANY")
            ? string.Join(',', AllMethods)
            : string.Join(',', onPath.Select(r => r.Method).Append("OPTIONS").Distinct().Order(StringComparer.Ordinal));
}
