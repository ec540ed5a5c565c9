using System.Text.Json;
using Backend.Local.ControlPlane;
using Backend.Local.Gateway.Authorizers;
using Backend.Local.Runtime;
using Backend.Template;
using Backend.Local.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Backend.Local.Gateway;

/// <summary>The APIs of the template on one port: route, validate, build the event, invoke, map the answer.</summary>
public sealed class ApiGatewayEndpoint(RouteTable routes, FunctionCatalog functions)
{
    private volatile RouteTable _routes = routes;

    /// <summary>Whether the stages' throttling settings are enforced (--no-throttling turns them off for load tests).</summary>
    public bool Throttling { get; init; } = true;

    /// <summary>The Lambda authorizer step, with its cache of authorizers' answers.</summary>
    public LambdaAuthorizers Authorizers { get; } = new(functions, TimeProvider.System);

    /// <summary>The recent requests' events and proxy responses (the console's APIs view).</summary>
    public GatewayExchanges Exchanges { get; } = new();

    /// <summary>The routes served: a saved template.yaml replaces them; a request keeps the table it was matched in.</summary>
    public RouteTable Routes
    {
        get => _routes;
        set => _routes = value;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString();
        var extendedRequestId = GatewayRequest.NewExtendedRequestId();
        var answer = await AnswerAsync(http, requestId, extendedRequestId);
        await HttpExchange.WriteAsync(http, answer.WithGatewayHeaders(requestId, extendedRequestId));
    }

    private async Task<GatewayAnswer> AnswerAsync(HttpContext http, string requestId, string extendedRequestId)
    {
        var routes = _routes;
        var (rawPath, rawQuery) = RawTarget(http);
        if (RequestHeadSize.Check(http) is { } tooLarge) return new(tooLarge, KindOf(routes, http.Request.Method, rawPath));
        // Refuse an oversized body before reading it whole.
        if (http.Request.ContentLength > ApiGatewayLimits.PayloadBytes) return new(GatewayErrors.TooLarge(), KindOf(routes, http.Request.Method, rawPath));
        var body = await HttpExchange.ReadBodyAsync(http, ApiGatewayLimits.PayloadBytes);
        if (body is null) return new(GatewayErrors.TooLarge(), KindOf(routes, http.Request.Method, rawPath));

        var request = ToGatewayRequest(http, rawPath, rawQuery, body, requestId, extendedRequestId);
        // SAM's Cors: the API answers a path's OPTIONS itself (a MOCK integration), before any route or function.
        if (CorsPreflight.Answer(routes, request) is { } preflight)
            return new(Throttled(routes, routes.MatchResource(request.RawPath)!.Route, "OPTIONS") ? GatewayErrors.Throttled(ApiKind.Rest) : preflight, ApiKind.Rest);
        // An HTTP API's CorsConfiguration: the gateway answers a preflight no route takes.
        if (HttpApiCors.Preflight(routes, request) is { } httpPreflight) return new(httpPreflight, ApiKind.Http);
        var match = routes.Match(request.Method, request.RawPath);
        if (match is null)
            return KindOf(routes, null, request.RawPath) == ApiKind.Rest ? new(GatewayErrors.RestNoRoute(), ApiKind.Rest) : new(GatewayErrors.HttpNoRoute(), ApiKind.Http);

        var kind = match.Route.Api.Kind;
        var integrationFailure = kind == ApiKind.Rest ? GatewayErrors.RestIntegrationFailure() : GatewayErrors.HttpIntegrationFailure();
        // The method's throttle comes first: a refused request reaches no authorization, validator or function.
        if (Throttled(routes, match.Route, match.Route.Method)) return new(GatewayErrors.Throttled(kind), kind);
        // API Gateway's order: authorization, then the request validator, then the function.
        var authorization = match.Route.EffectiveAuthorization;
        if (authorization == ApiDefinition.IamAuthorization && IamAuthorization.Check(request) is { } refused) return new(refused, kind);
        Dictionary<string, JsonElement>? authorized = null;
        if (match.Route.Api.LambdaAuthorizer(authorization) is { } authorizer)
        {
            var verdict = await Authorizers.AuthorizeAsync(authorizer, request, match, http.RequestAborted);
            if (verdict.Refusal is { } denied) return new(denied, kind);
            authorized = verdict.RequestContext;
        }
        if (kind == ApiKind.Rest && RequestValidator.Check(match.Route, request) is { } invalid) return new(invalid, kind);

        var payload = EventBuilder.Build(request, match, functions.Local, authorized);
        if (payload.Length > LambdaLimits.SyncPayloadBytes) return new(GatewayErrors.TooLarge(), kind);

        // The function may have been deleted through the Lambda API since the template was read: API Gateway then
        // fails the integration, as it does on AWS when its target is gone.
        if (functions.Find(match.Route.FunctionLogicalId) is not { } function) return new(integrationFailure, kind);
        FunctionPool pool;
        try
        {
            pool = functions.InvokeTarget(new FunctionAddress(function.Name, null));
        }
        catch (Backend.Local.LambdaApi.LambdaApiException)
        {
            // Deleted between the lookup and now.
            return new(integrationFailure, kind);
        }
        var invocation = new Invocation(payload);
        var run = pool.InvokeAsync(invocation, http.RequestAborted);
        InvocationResult result;
        try
        {
            result = await run.WaitAsync(kind == ApiKind.Rest ? ApiGatewayLimits.RestIntegrationTimeout : ApiGatewayLimits.HttpIntegrationTimeout);
        }
        catch (TimeoutException)
        {
            // The function goes on (as on AWS); the caller gets the gateway's answer.
            return new(kind == ApiKind.Rest ? GatewayErrors.RestTimeout() : GatewayErrors.HttpTimeout(), kind);
        }
        if (result is not InvocationResult.Throttled) Exchanges.Add(new GatewayExchange(requestId, payload, result.Payload));
        if (result is InvocationResult.Throttled) return new(kind == ApiKind.Rest ? GatewayErrors.RestThrottledIntegration() : GatewayErrors.HttpIntegrationFailure(), kind);
        if (result.IsError) return new(integrationFailure, kind);
        if (kind == ApiKind.Http) return new(HttpApiCors.OnResponse(match.Route.Api.HttpCors, request, ResponseMapper.HttpApi(result.Payload)), kind);
        // A REST API names the trace on its answer only when the integration succeeded.
        // Of several Accept headers, the first one's first media type is the one API Gateway reads.
        var accept = request.Headers.FirstOrDefault(h => string.Equals(h.Key, "Accept", StringComparison.OrdinalIgnoreCase)).Value;
        return ResponseMapper.TryRest(result.Payload, match.Route.Api.BinaryMediaTypes, accept) is { } mapped
            ? new(mapped, kind, invocation.TraceId)
            : new(integrationFailure, kind);
    }

    /// <summary>Whether a request to a method (of the route's resource) finds its token bucket empty.</summary>
    private bool Throttled(RouteTable routes, RouteDefinition resource, string method) =>
        Throttling && !routes.Throttles.TryTake(resource.Api, resource.Path, method);

    /// <summary>
    /// Which kind of API answers a request: the matched route's; with no route, a REST API when the path is one of a
    /// REST API's (or no HTTP API is served), else the HTTP API.
    /// </summary>
    private static ApiKind KindOf(RouteTable routes, string? method, string rawPath)
    {
        if (method is not null && routes.Match(method, rawPath) is { } match) return match.Route.Api.Kind;
        return routes.IsRestPath(rawPath) || !routes.Routes.Any(r => r.Api.Kind == ApiKind.Http) ? ApiKind.Rest : ApiKind.Http;
    }

    /// <summary>The raw target keeps percent-encoding (an encoded '/' in a path parameter stays one segment).</summary>
    private static (string RawPath, string RawQuery) RawTarget(HttpContext http)
    {
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return queryStart < 0 ? (rawTarget, "") : (rawTarget[..queryStart], rawTarget[(queryStart + 1)..]);
    }

    private static GatewayRequest ToGatewayRequest(HttpContext http, string rawPath, string rawQuery, byte[] body, string requestId, string extendedRequestId)
    {
        var headers = http.Request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? ""))).ToList();
        return new GatewayRequest(http.Request.Method, rawPath, rawQuery, headers, body,
            http.Connection.RemoteIpAddress?.MapToIPv4().ToString() ?? "127.0.0.1", http.Request.Protocol)
        {
            RequestId = requestId,
            ExtendedRequestId = extendedRequestId,
            Scheme = http.Request.IsHttps ? "https" : "http",
            Port = http.Connection.LocalPort,
        };
    }
}
