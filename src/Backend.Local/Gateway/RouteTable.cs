using Backend.Template;

namespace Backend.Local.Gateway;

/// <summary>A request matched to a route: the stage it came through and the path parameters.</summary>
public sealed record RouteMatch(RouteDefinition Route, string Stage, string Path, IReadOnlyDictionary<string, string> PathParameters);

/// <summary>
/// The template's routes, matched as API Gateway does: exact paths before {param} before {proxy+},
/// an exact method before ANY. REST routes answer with and without their stage prefix (/prod/calc and
/// /calc), so the tutorials' URLs work with only the host changed.
/// </summary>
public sealed class RouteTable(IReadOnlyList<RouteDefinition> routes)
{
    public IReadOnlyList<RouteDefinition> Routes { get; } = routes;

    /// <summary>The methods' token buckets, full when the table is new (as after a deployment).</summary>
    public MethodThrottles Throttles { get; } = new(TimeProvider.System);

    /// <summary>Finds the route for a request path given as raw (still percent-encoded) segments.</summary>
    public RouteMatch? Match(string method, string rawPath) => Best(rawPath, method);

    /// <summary>
    /// The route of the resource (API and path) a request path falls on, whatever its method: where API Gateway
    /// looks for the resource's other methods (the OPTIONS that SAM's Cors adds).
    /// </summary>
    public RouteMatch? MatchResource(string rawPath) => Best(rawPath, null);

    private RouteMatch? Best(string rawPath, string? method)
    {
        var segments = Split(rawPath);
        RouteMatch? best = null;
        (int, int, int) bestRank = (int.MaxValue, int.MaxValue, int.MaxValue);
        foreach (var route in Routes)
        {
            if (method is not null && route.Method != "ANY" && route.Method != method) continue;
            foreach (var (stage, rest) in StageCandidates(route.Api, segments))
            {
                if (TryBind(Split(route.Path), rest) is not { } parameters) continue;
                var rank = Rank(route, method);
                if (rank.CompareTo(bestRank) >= 0) continue;
                bestRank = rank;
                best = new RouteMatch(route, stage, EventPath(rest, rawPath), parameters);
            }
        }
        return best;
    }

    /// <summary>
    /// The API that answers a request no route matched (its access log names it): the API of the path's resource,
    /// else the REST API whose stage the path starts with, else the HTTP API; null when the table is empty.
    /// </summary>
    public ApiDefinition? ApiOf(string rawPath)
    {
        if (MatchResource(rawPath) is { } match) return match.Route.Api;
        var segments = Split(rawPath);
        return Routes.FirstOrDefault(r => r.Api.Kind == ApiKind.Rest && segments.Length > 0 && segments[0] == r.Api.StageName)?.Api
            ?? Routes.FirstOrDefault(r => r.Api.Kind == ApiKind.Http)?.Api
            ?? Routes.FirstOrDefault()?.Api;
    }

    /// <summary>True when some REST route has this path (with any method): REST answers 403 there, not 404.</summary>
    public bool IsRestPath(string rawPath)
    {
        var segments = Split(rawPath);
        return Routes.Any(r => r.Api.Kind == ApiKind.Rest && StageCandidates(r.Api, segments).Any(c => TryBind(Split(r.Path), c.Remaining) is not null))
            || Routes.Any(r => r.Api.Kind == ApiKind.Rest && segments.Length > 0 && segments[0] == r.Api.StageName);
    }

    private static IEnumerable<(string Stage, string[] Remaining)> StageCandidates(ApiDefinition api, string[] segments)
    {
        if (api.Kind == ApiKind.Rest)
        {
            if (segments.Length > 0 && segments[0] == api.StageName) yield return (api.StageName, segments[1..]);
            yield return (api.StageName, segments);
        }
        else if (api.StageName == "$default")
        {
            yield return (api.StageName, segments);
        }
        else if (segments.Length > 0 && segments[0] == api.StageName)
        {
            yield return (api.StageName, segments[1..]);
        }
    }

    /// <summary>Greedy proxies last; then fewer parameters first; then exact methods before ANY.</summary>
    private static (int, int, int) Rank(RouteDefinition route, string? method)
    {
        var template = Split(route.Path);
        var greedy = template.Length > 0 && template[^1].EndsWith("+}", StringComparison.Ordinal) ? 1 : 0;
        var parameters = template.Count(s => s.StartsWith('{'));
        return (greedy, parameters, route.Method == method ? 0 : 1);
    }

    private static Dictionary<string, string>? TryBind(string[] template, string[] segments)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < template.Length; i++)
        {
            var part = template[i];
            if (part.StartsWith('{') && part.EndsWith("+}", StringComparison.Ordinal))
            {
                if (i >= segments.Length) return null; // {proxy+} needs at least one segment
                parameters[part[1..^2]] = string.Join('/', segments[i..].Select(Decode));
                return parameters;
            }
            if (i >= segments.Length) return null;
            if (part.StartsWith('{') && part.EndsWith('}'))
            {
                if (segments[i].Length == 0) return null;
                parameters[part[1..^1]] = Decode(segments[i]);
            }
            else if (part != Decode(segments[i]))
            {
                return null;
            }
        }
        return template.Length == segments.Length ? parameters : null;
    }

    /// <summary>
    /// The path the event names: decoded, without the stage, and with the trailing slash the client sent. A REST
    /// API routes /thing/ as /thing but passes the slash on in event.path and requestContext.path (observed on AWS:
    /// localstack/localstack#6532 "in AWS the trailing slash is present", floci-io/floci#1557
    /// <c>GET /thing/ -> event.path = "/thing/"</c>; routing alike: aws-powertools/powertools-lambda-python#1552).
    /// </summary>
    private static string EventPath(string[] segments, string rawPath)
    {
        var path = "/" + string.Join('/', segments.Select(Decode));
        return segments.Length > 0 && rawPath.EndsWith('/') ? path + "/" : path;
    }

    private static string[] Split(string path)
    {
        var trimmed = path.Trim('/');
        return trimmed.Length == 0 ? [] : trimmed.Split('/');
    }

    /// <summary>Percent-decoding of a segment, except an encoded '/', which stays "%2F" as API Gateway passes it on.</summary>
    internal static string Decode(string segment)
    {
        if (!segment.Contains('%', StringComparison.Ordinal)) return segment;
        var parts = segment.Split(["%2F", "%2f"], StringSplitOptions.None);
        return string.Join("%2F", parts.Select(p => Uri.UnescapeDataString(p)));
    }
}
