using System.Diagnostics;
using System.Text.Json;
using Backend.Local.ControlPlane;
using Backend.Local.Gateway.AccessLogs;
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

    /// <summary>Where the APIs' access logs go (their stages' AccessLogSetting); null logs nothing.</summary>
    public AccessLogWriter? AccessLogs { get; init; }

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var receivedAt = DateTimeOffset.UtcNow;
        var requestId = Guid.NewGuid().ToString();
        var extendedRequestId = GatewayRequest.NewExtendedRequestId();
        var routes = _routes;
        var trace = new GatewayTrace();
        var answer = await AnswerAsync(http, routes, requestId, extendedRequestId, receivedAt, trace);
        var reply = answer.WithGatewayHeaders(requestId, extendedRequestId);
        await HttpExchange.WriteAsync(http, reply);
        // Logged once the answer is written: its status, length and latency are the client's.
        if (AccessLogs is { } accessLogs && (trace.Match?.Route.Api ?? routes.ApiOf(RawTarget(http).RawPath)) is { AccessLog: { } format } api)
        {
            var entry = new AccessLogEntry(api, requestId, extendedRequestId, http.Request.Method, RawTarget(http).RawPath,
                SourceIp(http), http.Request.Protocol, http.Request.Headers.Host.LastOrDefault(), http.Request.Headers.UserAgent.LastOrDefault(),
                receivedAt, reply.StatusCode, HttpMethods.IsHead(http.Request.Method) ? 0 : reply.Body.Length,
                (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, reply.Body, trace, functions.Local.AccountId);
            accessLogs.Write(api.LogicalId, AccessLogLine.Render(format, entry));
        }
    }

    private async Task<GatewayAnswer> AnswerAsync(HttpContext http, RouteTable routes, string requestId, string extendedRequestId, DateTimeOffset receivedAt, GatewayTrace trace)
    {
        var (rawPath, rawQuery) = RawTarget(http);
        if (RequestHeadSize.Check(http) is { } tooLarge) return new(tooLarge, KindOf(routes, http.Request.Method, rawPath));
        // Refuse an oversized body before reading it whole.
        if (http.Request.ContentLength > ApiGatewayLimits.PayloadBytes) return new(GatewayErrors.TooLarge(), KindOf(routes, http.Request.Method, rawPath));
        var body = await HttpExchange.ReadBodyAsync(http, ApiGatewayLimits.PayloadBytes);
        if (body is null) return new(GatewayErrors.TooLarge(), KindOf(routes, http.Request.Method, rawPath));

        var request = ToGatewayRequest(http, rawPath, rawQuery, body, requestId, extendedRequestId, receivedAt);
        // SAM's Cors: the API answers a path's OPTIONS itself (a MOCK integration), before any route or function.
        if (CorsPreflight.Answer(routes, request) is { } preflight)
        {
            var resource = trace.Match = routes.MatchResource(request.RawPath);
            return new(Throttled(routes, resource!.Route, "OPTIONS") ? GatewayErrors.Throttled(ApiKind.Rest) : preflight, ApiKind.Rest);
        }
        // An HTTP API's CorsConfiguration: the gateway answers a preflight no route takes.
        if (HttpApiCors.Preflight(routes, request) is { } httpPreflight) return new(httpPreflight, ApiKind.Http);
        var match = trace.Match = routes.Match(request.Method, request.RawPath);
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
        var invoked = Stopwatch.GetTimestamp();
        trace.Integrated = true;
        trace.IntegrationRequestId = invocation.RequestId;
        var run = pool.InvokeAsync(invocation, http.RequestAborted);
        InvocationResult result;
        try
        {
            result = await run.WaitAsync(kind == ApiKind.Rest ? ApiGatewayLimits.RestIntegrationTimeout : ApiGatewayLimits.HttpIntegrationTimeout);
        }
        catch (TimeoutException)
        {
            trace.IntegrationLatencyMs = (long)Stopwatch.GetElapsedTime(invoked).TotalMilliseconds;
            // The function goes on (as on AWS); the caller gets the gateway's answer.
            return new(kind == ApiKind.Rest ? GatewayErrors.RestTimeout() : GatewayErrors.HttpTimeout(), kind);
        }
        trace.IntegrationLatencyMs = (long)Stopwatch.GetElapsedTime(invoked).TotalMilliseconds;
        IntegrationTrace.Note(trace, kind, result);
        if (result is not InvocationResult.Throttled) Exchanges.Add(new GatewayExchange(requestId, payload, result.Payload));
        if (result is InvocationResult.Throttled) return new(kind == ApiKind.Rest ? GatewayErrors.RestThrottledIntegration() : GatewayErrors.HttpIntegrationFailure(), kind);
        if (result.IsError) return new(integrationFailure, kind);
        if (kind == ApiKind.Http) return IntegrationTrace.Answered(trace, new(HttpApiCors.OnResponse(match.Route.Api.HttpCors, request, ResponseMapper.HttpApi(result.Payload)), kind));
        // A REST API names the trace on its answer only when the integration succeeded.
        // Of several Accept headers, the first one's first media type is the one API Gateway reads.
        var accept = request.Headers.FirstOrDefault(h => string.Equals(h.Key, "Accept", StringComparison.OrdinalIgnoreCase)).Value;
        return ResponseMapper.TryRest(result.Payload, match.Route.Api.BinaryMediaTypes, accept) is { } mapped
            ? IntegrationTrace.Answered(trace, new(mapped, kind, invocation.TraceId))
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

    private static string SourceIp(HttpContext http) => http.Connection.RemoteIpAddress?.MapToIPv4().ToString() ?? "127.0.0.1";

    private static GatewayRequest ToGatewayRequest(HttpContext http, string rawPath, string rawQuery, byte[] body, string requestId, string extendedRequestId, DateTimeOffset receivedAt)
    {
        var headers = http.Request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? ""))).ToList();
        return new GatewayRequest(http.Request.Method, rawPath, rawQuery, headers, body, SourceIp(http), http.Request.Protocol)
        {
            RequestId = requestId,
            ExtendedRequestId = extendedRequestId,
            ReceivedAt = receivedAt,
            Scheme = http.Request.IsHttps ? "https" : "http",
            Port = http.Connection.LocalPort,
        };
    }
}
