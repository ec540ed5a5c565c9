using Backend.Local.ControlPlane;
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
        var reply = await AnswerAsync(http, requestId);
        await HttpExchange.WriteAsync(http, reply);
    }

    private async Task<HttpReply> AnswerAsync(HttpContext http, string requestId)
    {
        if (RequestHeadSize.Check(http) is { } tooLarge) return tooLarge;
        // Refuse an oversized body before reading it whole.
        if (http.Request.ContentLength > ApiGatewayLimits.PayloadBytes) return GatewayErrors.TooLarge();
        var body = await HttpExchange.ReadBodyAsync(http, ApiGatewayLimits.PayloadBytes);
        if (body is null) return GatewayErrors.TooLarge();

        var request = ToGatewayRequest(http, body, requestId);
        var routes = _routes;
        // SAM's Cors: the API answers a path's OPTIONS itself (a MOCK integration), before any route or function.
        if (CorsPreflight.Answer(routes, request) is { } preflight) return WithRequestId(preflight, ApiKind.Rest, requestId);
        var match = routes.Match(request.Method, request.RawPath);
        if (match is null) return routes.IsRestPath(request.RawPath) || !routes.Routes.Any(r => r.Api.Kind == ApiKind.Http) ? GatewayErrors.RestNoRoute() : GatewayErrors.HttpNoRoute();

        var kind = match.Route.Api.Kind;
        // API Gateway's order: authorization, then the request validator, then the function.
        if (match.Route.Api.Authorization == ApiDefinition.IamAuthorization && IamAuthorization.Check(request) is { } refused) return WithRequestId(refused, kind, requestId);
        if (kind == ApiKind.Rest && RequestValidator.Check(match.Route, request) is { } invalid) return WithRequestId(invalid, kind, requestId);

        var payload = EventBuilder.Build(request, match, functions.Local);
        if (payload.Length > LambdaLimits.SyncPayloadBytes) return GatewayErrors.TooLarge();

        // The function may have been deleted through the Lambda API since the template was read: API Gateway then
        // fails the integration, as it does on AWS when its target is gone.
        if (functions.Find(match.Route.FunctionLogicalId) is not { } function)
            return WithRequestId(kind == ApiKind.Rest ? GatewayErrors.RestIntegrationFailure() : GatewayErrors.HttpIntegrationFailure(), kind, requestId);
        FunctionPool pool;
        try
        {
            pool = functions.InvokeTarget(new FunctionAddress(function.Name, null));
        }
        catch (Backend.Local.LambdaApi.LambdaApiException)
        {
            // Deleted between the lookup and now.
            return WithRequestId(kind == ApiKind.Rest ? GatewayErrors.RestIntegrationFailure() : GatewayErrors.HttpIntegrationFailure(), kind, requestId);
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
            return kind == ApiKind.Rest ? GatewayErrors.RestTimeout() : GatewayErrors.HttpTimeout();
        }
        if (result is not InvocationResult.Throttled) Exchanges.Add(new GatewayExchange(requestId, payload, result.Payload));
        if (result is InvocationResult.Throttled) return WithRequestId(kind == ApiKind.Rest ? GatewayErrors.RestThrottledIntegration() : GatewayErrors.HttpIntegrationFailure(), kind, requestId);
        var mapped = result.IsError
            ? (kind == ApiKind.Rest ? GatewayErrors.RestIntegrationFailure() : GatewayErrors.HttpIntegrationFailure())
            : ResponseMapper.Map(kind, result.Payload);
        return WithRequestId(mapped, kind, requestId);
    }

    /// <summary>API Gateway names its request id in a header: x-amzn-RequestId (REST), apigw-requestid (HTTP API).</summary>
    private static HttpReply WithRequestId(HttpReply reply, ApiKind kind, string requestId) =>
        reply with { Headers = [.. reply.Headers, new(kind == ApiKind.Rest ? "x-amzn-RequestId" : "apigw-requestid", requestId)] };

    private static GatewayRequest ToGatewayRequest(HttpContext http, byte[] body, string requestId)
    {
        // The raw target keeps percent-encoding (an encoded '/' in a path parameter stays one segment).
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var rawQuery = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];
        var headers = http.Request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? ""))).ToList();
        return new GatewayRequest(http.Request.Method, rawPath, rawQuery, headers, body,
            http.Connection.RemoteIpAddress?.MapToIPv4().ToString() ?? "127.0.0.1", http.Request.Protocol) { RequestId = requestId };
    }
}
