using System.Globalization;
using System.Text;
using System.Text.Json;
using Backend.Lambda.APIGatewayEvents;
using Backend.Template;

namespace Backend.Local.Gateway;

/// <summary>Builds the Lambda event API Gateway would send for a request: payload 1.0 (REST) or 2.0 (HTTP API).</summary>
public static class EventBuilder
{
    /// <param name="authorizer">What a Lambda authorizer let through (requestContext.authorizer), if one guards the route.</param>
    public static byte[] Build(GatewayRequest request, RouteMatch match, LocalValues local, IDictionary<string, JsonElement>? authorizer = null)
    {
        if (match.Route.Api.Kind == ApiKind.Rest)
        {
            var rest = Rest(request, match, local);
            rest.RequestContext!.Authorizer = authorizer;
            return JsonSerializer.SerializeToUtf8Bytes(rest, RestEventJsonContext.Default.APIGatewayProxyRequest);
        }
        var http = HttpApi(request, match, local);
        http.RequestContext!.Authorizer = authorizer;
        return JsonSerializer.SerializeToUtf8Bytes(http, ApiGatewayJsonContext.Default.APIGatewayHttpApiV2ProxyRequest);
    }

    /// <summary>
    /// Payload 1.0: headers and query strings both single-valued (last value) and multi-valued; event.path is the
    /// path as the client sent it, a trailing slash included, without the stage (requestContext.path has it).
    /// </summary>
    public static APIGatewayProxyRequest Rest(GatewayRequest request, RouteMatch match, LocalValues local)
    {
        var headers = ForwardedHeaders.Add(request);
        var query = request.QueryPairs();
        var (body, base64) = RestBody(request, match.Route.Api.BinaryMediaTypes);
        var host = request.Header("Host") ?? "localhost";
        return new APIGatewayProxyRequest
        {
            Resource = match.Route.Path,
            Path = match.Path,
            HttpMethod = request.Method,
            Headers = headers.Count == 0 ? null : Last(headers, StringComparer.OrdinalIgnoreCase),
            MultiValueHeaders = headers.Count == 0 ? null : Multi(headers, StringComparer.OrdinalIgnoreCase),
            QueryStringParameters = query.Count == 0 ? null : Last(query, StringComparer.Ordinal),
            MultiValueQueryStringParameters = query.Count == 0 ? null : Multi(query, StringComparer.Ordinal),
            PathParameters = match.PathParameters.Count == 0 ? null : new Dictionary<string, string>(match.PathParameters),
            StageVariables = StageVariables(match.Route.Api),
            RequestContext = new APIGatewayProxyRequest.ProxyRequestContext
            {
                AccountId = local.AccountId,
                ApiId = match.Route.Api.ApiId,
                DomainName = host,
                DomainPrefix = host.Split('.', ':')[0],
                ExtendedRequestId = request.ExtendedRequestId,
                HttpMethod = request.Method,
                Identity = new APIGatewayProxyRequest.RequestIdentity { SourceIp = request.SourceIp, UserAgent = request.Header("User-Agent") },
                Path = "/" + match.Stage + match.Path,
                Protocol = request.Protocol,
                RequestId = request.RequestId,
                RequestTime = request.ReceivedAt.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
                RequestTimeEpoch = request.ReceivedAt.ToUnixTimeMilliseconds(),
                ResourceId = ResourceId(match.Route.Path),
                ResourcePath = match.Route.Path,
                Stage = match.Stage,
            },
            Body = body,
            IsBase64Encoded = base64,
        };
    }

    /// <summary>Payload 2.0: lower-cased headers, repeated values joined with ',', cookies apart.</summary>
    public static APIGatewayHttpApiV2ProxyRequest HttpApi(GatewayRequest request, RouteMatch match, LocalValues local)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var cookies = new List<string>();
        foreach (var (name, value) in ForwardedHeaders.Add(request))
        {
            var lower = name.ToLowerInvariant();
            if (lower == "cookie")
            {
                cookies.AddRange(value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                continue;
            }
            headers[lower] = headers.TryGetValue(lower, out var existing) ? existing + "," + value : value;
        }
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.QueryPairs())
            query[name] = query.TryGetValue(name, out var existing) ? existing + "," + value : value;
        var (body, base64) = HttpApiBody(request, match.Route.Api.BinaryMediaTypes);
        var host = request.Header("Host") ?? "localhost";
        var routeKey = match.Route.RouteKey;
        return new APIGatewayHttpApiV2ProxyRequest
        {
            Version = "2.0",
            RouteKey = routeKey,
            RawPath = request.RawPath,
            RawQueryString = request.RawQuery.TrimStart('?'),
            Cookies = cookies.Count == 0 ? null : cookies.ToArray(),
            Headers = headers,
            QueryStringParameters = query.Count == 0 ? null : query,
            PathParameters = match.PathParameters.Count == 0 ? null : new Dictionary<string, string>(match.PathParameters),
            StageVariables = StageVariables(match.Route.Api),
            RequestContext = new APIGatewayHttpApiV2ProxyRequest.ProxyRequestContext
            {
                AccountId = local.AccountId,
                ApiId = match.Route.Api.ApiId,
                DomainName = host,
                DomainPrefix = host.Split('.', ':')[0],
                Http = new APIGatewayHttpApiV2ProxyRequest.HttpDescription
                {
                    Method = request.Method,
                    Path = request.RawPath,
                    Protocol = request.Protocol,
                    SourceIp = request.SourceIp,
                    UserAgent = request.Header("User-Agent"),
                },
                RequestId = request.RequestId,
                RouteKey = routeKey,
                Stage = match.Stage,
                Time = request.ReceivedAt.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
                TimeEpoch = request.ReceivedAt.ToUnixTimeMilliseconds(),
            },
            Body = body,
            IsBase64Encoded = base64,
        };
    }

    /// <summary>
    /// A REST API's body: base64 when its Content-Type is one of the API's binaryMediaTypes, else text, whatever the
    /// media type or bytes ("Content type conversions in API Gateway": binaryMediaTypes undefined, any Content-Type →
    /// "UTF8-encoded string"; bytes that are not UTF-8 become U+FFFD, not checked against AWS); none as null.
    /// </summary>
    private static (string? Body, bool Base64) RestBody(GatewayRequest request, IReadOnlyList<string> binaryMediaTypes)
    {
        if (request.Body.Length == 0) return (null, false);
        return BinaryMediaTypes.EncodesRequestBody(binaryMediaTypes, request.Header("Content-Type"))
            ? (Convert.ToBase64String(request.Body), true)
            : (Encoding.UTF8.GetString(request.Body), false);
    }

    /// <summary>An HTTP API's body: a text one (by media type, and valid UTF-8) as text; any other as base64; none as null.</summary>
    private static (string? Body, bool Base64) HttpApiBody(GatewayRequest request, IReadOnlyList<string> binaryMediaTypes)
    {
        if (request.Body.Length == 0) return (null, false);
        return request.HasTextBody(binaryMediaTypes)
            ? (Encoding.UTF8.GetString(request.Body), false)
            : (Convert.ToBase64String(request.Body), true);
    }

    /// <summary>
    /// The stage's variables as a fresh copy (a function's event must not share the API's map), or null when there are
    /// none: payload 1.0 then writes "stageVariables": null (RestEventJsonContext), payload 2.0 leaves the key out.
    /// </summary>
    private static Dictionary<string, string>? StageVariables(ApiDefinition api) =>
        api.StageVariables.Count == 0 ? null : new Dictionary<string, string>(api.StageVariables, StringComparer.Ordinal);

    private static Dictionary<string, string> Last(IEnumerable<KeyValuePair<string, string>> pairs, StringComparer comparer)
    {
        var result = new Dictionary<string, string>(comparer);
        foreach (var (name, value) in pairs) result[name] = value;
        return result;
    }

    private static Dictionary<string, IList<string>> Multi(IEnumerable<KeyValuePair<string, string>> pairs, StringComparer comparer)
    {
        var result = new Dictionary<string, IList<string>>(comparer);
        foreach (var (name, value) in pairs)
        {
            if (!result.TryGetValue(name, out var values)) result[name] = values = new List<string>();
            values.Add(value);
        }
        return result;
    }

    /// <summary>A stable short id per resource path, as API Gateway gives each resource one.</summary>
    private static string ResourceId(string path) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..6];
}
