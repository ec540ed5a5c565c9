using System.Globalization;
using Backend.Local.Http;
using Backend.Template;

namespace Backend.Local.Gateway;

/// <summary>
/// An HTTP API's CORS configuration (SAM's CorsConfiguration), applied by the gateway as API Gateway does ("Configure
/// CORS for HTTP APIs in API Gateway"): it answers a preflight OPTIONS itself "even if there isn't an OPTIONS route
/// configured", and on every other request it "ignores CORS headers returned from your backend integration" and adds
/// its own. CORS headers go only to requests that carry an Origin ("To return CORS headers, your request must contain
/// an origin header. For the OPTIONS method, your request must contain an origin header and an
/// Access-Control-Request-Method header").
/// </summary>
public static class HttpApiCors
{
    /// <summary>
    /// The gateway's answer to a preflight on an HTTP API with CORS, or null when the request is not one it answers:
    /// not a preflight, or an OPTIONS a route takes. A route matching OPTIONS (its own, or ANY) gets the request as
    /// any other: the same guide's "$default route catches requests for all methods ... including OPTIONS requests",
    /// which is why it tells users of an authorizer to add an unauthorized OPTIONS route.
    /// </summary>
    public static HttpReply? Preflight(RouteTable routes, GatewayRequest request)
    {
        if (request.Method != "OPTIONS" || request.Header(CorsHeaders.Origin) is not { } origin || request.Header(CorsHeaders.RequestMethod) is not { } method)
            return null;
        if (routes.Match(request.Method, request.RawPath) is not null) return null;
        if (ApiOf(routes, request.RawPath)?.HttpCors is not { } cors) return null;

        // A refused origin or method gets the same 204 without any CORS header: the browser then blocks the request.
        var headers = new List<KeyValuePair<string, string>>();
        if (AllowedOrigin(cors, origin) is { } allowed && MethodAllowed(cors, method))
        {
            headers.Add(new(CorsHeaders.AllowOrigin, allowed));
            if (cors.AllowCredentials) headers.Add(new(CorsHeaders.AllowCredentials, "true"));
            if (cors.AllowMethods.Count > 0) headers.Add(new(CorsHeaders.AllowMethods, string.Join(',', cors.AllowMethods)));
            if (cors.AllowHeaders.Count > 0) headers.Add(new(CorsHeaders.AllowHeaders, string.Join(',', cors.AllowHeaders)));
            if (cors.MaxAge is { } maxAge) headers.Add(new(CorsHeaders.MaxAge, maxAge.ToString(CultureInfo.InvariantCulture)));
        }
        return new HttpReply(204, headers, []);
    }

    /// <summary>
    /// A function's answer as the client gets it from an API with CORS: the function's own Access-Control-* headers
    /// dropped, and, for an allowed Origin, the gateway's Allow-Origin, Allow-Credentials and Expose-Headers.
    /// </summary>
    public static HttpReply OnResponse(HttpCorsDefinition? cors, GatewayRequest request, HttpReply reply)
    {
        if (cors is null) return reply;
        var headers = reply.Headers.Where(h => !h.Key.StartsWith(CorsHeaders.Prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        if (request.Header(CorsHeaders.Origin) is { } origin && AllowedOrigin(cors, origin) is { } allowed)
        {
            headers.Add(new(CorsHeaders.AllowOrigin, allowed));
            if (cors.AllowCredentials) headers.Add(new(CorsHeaders.AllowCredentials, "true"));
            if (cors.ExposeHeaders.Count > 0) headers.Add(new(CorsHeaders.ExposeHeaders, string.Join(',', cors.ExposeHeaders)));
        }
        return reply with { Headers = headers };
    }

    /// <summary>
    /// What Access-Control-Allow-Origin says for this origin, or null when it is not allowed: * when AllowOrigins
    /// holds *, else the origin itself when an entry matches it. An entry may hold * as a wildcard (the guide's
    /// "https://*", any origin that begins with https://; likewise https://*.example.com). Origins compare
    /// case-insensitively (scheme and host are).
    /// </summary>
    public static string? AllowedOrigin(HttpCorsDefinition cors, string origin)
    {
        if (cors.AllowOrigins.Contains(HttpCorsDefinition.Any)) return HttpCorsDefinition.Any;
        return cors.AllowOrigins.Any(pattern => Matches(pattern, origin)) ? origin : null;
    }

    /// <summary>Methods compare case-insensitively; * allows any; no AllowMethods means the gateway names none and checks none.</summary>
    public static bool MethodAllowed(HttpCorsDefinition cors, string method) =>
        cors.AllowMethods.Count == 0 || cors.AllowMethods.Any(m => m == HttpCorsDefinition.Any || string.Equals(m, method.Trim(), StringComparison.OrdinalIgnoreCase));

    private static bool Matches(string pattern, string origin)
    {
        var parts = pattern.Split('*');
        if (parts.Length == 1) return string.Equals(pattern, origin, StringComparison.OrdinalIgnoreCase);
        if (!origin.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase) || !origin.EndsWith(parts[^1], StringComparison.OrdinalIgnoreCase)) return false;
        // The parts between the *s, in order, between the first part (a prefix) and the last (a suffix).
        var at = parts[0].Length;
        var end = origin.Length - parts[^1].Length;
        if (end < at) return false;
        foreach (var part in parts[1..^1])
        {
            var found = origin.IndexOf(part, at, StringComparison.OrdinalIgnoreCase);
            if (found < 0 || found + part.Length > end) return false;
            at = found + part.Length;
        }
        return true;
    }

    /// <summary>
    /// The HTTP API a request falls on: the API of the route its path matches (with any method); on a path no route
    /// has, the only HTTP API served there, since CORS belongs to the whole API and not to a route.
    /// </summary>
    private static ApiDefinition? ApiOf(RouteTable routes, string rawPath)
    {
        if (routes.MatchResource(rawPath) is { } resource) return resource.Route.Api.Kind == ApiKind.Http ? resource.Route.Api : null;
        if (routes.IsRestPath(rawPath)) return null;
        var first = rawPath.TrimStart('/').Split('/')[0];
        var apis = routes.Routes.Select(r => r.Api).Where(a => a.Kind == ApiKind.Http && (a.StageName == "$default" || a.StageName == first)).Distinct().ToList();
        return apis.Count == 1 ? apis[0] : null;
    }
}
