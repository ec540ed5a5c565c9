using System.Globalization;
using Backend.Lambda.RuntimeSupport;
using Backend.Local.Http;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.Runtime;

/// <summary>
/// The Lambda Runtime API the function processes talk to, one path prefix per instance
/// (<c>AWS_LAMBDA_RUNTIME_API=host:port/{function}/{instance}</c>). /next long-polls (never 204).
/// </summary>
public sealed class RuntimeApiEndpoint
{
    /// <summary>Where an instance's Runtime API is: its own prefix, then the API's version root.</summary>
    private const string Instance = "/{function}/{instance}" + RuntimeApiPaths.Root;

    private readonly InstanceDirectory _instances;

    public RuntimeApiEndpoint(InstanceDirectory instances)
    {
        _instances = instances;
        Routes = new HttpRoutes(fallback: NotFoundAsync)
            .Get(Instance + RuntimeApiPaths.Next, NextAsync)
            .Post(Instance + RuntimeApiPaths.ResponseTemplate, (http, path) => CompleteAsync(http, path, isError: false))
            .Post(Instance + RuntimeApiPaths.ErrorTemplate, (http, path) => CompleteAsync(http, path, isError: true))
            .Post(Instance + RuntimeApiPaths.InitError, InitErrorAsync);
    }

    /// <summary>Every endpoint of the Runtime API; anything else, or an instance that is not (or no longer) ours, is a 404.</summary>
    public HttpRoutes Routes { get; }

    private FunctionInstance? Find(PathValues path) =>
        _instances.Find(path["instance"]) is { } instance && instance.Function.FunctionName == path["function"] ? instance : null;

    private static Task NotFoundAsync(HttpContext http, PathValues path)
    {
        http.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    private async Task NextAsync(HttpContext http, PathValues path)
    {
        if (Find(path) is not { } instance)
        {
            await NotFoundAsync(http, path);
            return;
        }
        var invocation = await instance.NextAsync(http.RequestAborted);
        if (invocation is null)
        {
            // Draining or shutting down: 500 is the Runtime API's "exit now".
            http.Response.StatusCode = 500;
            return;
        }
        var headers = http.Response.Headers;
        headers[RuntimeApiHeaders.RequestId] = invocation.RequestId;
        headers[RuntimeApiHeaders.DeadlineMs] = invocation.Deadline!.Value.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers[RuntimeApiHeaders.InvokedFunctionArn] = instance.FunctionArn;
        headers[RuntimeApiHeaders.TraceId] = invocation.TraceId;
        if (invocation.ClientContext is { } clientContext) headers[RuntimeApiHeaders.ClientContext] = clientContext;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = invocation.Payload.Length;
        await http.Response.Body.WriteAsync(invocation.Payload, http.RequestAborted);
    }

    private async Task CompleteAsync(HttpContext http, PathValues path, bool isError)
    {
        if (Find(path) is not { } instance)
        {
            await NotFoundAsync(http, path);
            return;
        }
        var requestId = Uri.UnescapeDataString(path["requestId"]);
        var body = await HttpExchange.ReadBodyAsync(http, LambdaLimits.SyncPayloadBytes);
        if (body is null)
        {
            // Lambda refuses responses over 6 MB; the invocation fails with this error.
            instance.Complete(requestId, new InvocationResult.ResponseTooLarge(LambdaLimits.SyncPayloadBytes));
            http.Response.StatusCode = 413;
            return;
        }
        InvocationResult result = isError ? new InvocationResult.FunctionError(ErrorType(http), body) : new InvocationResult.Success(body);
        if (!instance.Complete(requestId, result))
        {
            http.Response.StatusCode = 400; // not the invocation in flight (late, or never sent)
            return;
        }
        await AcceptedAsync(http);
    }

    private async Task InitErrorAsync(HttpContext http, PathValues path)
    {
        if (Find(path) is not { } instance)
        {
            await NotFoundAsync(http, path);
            return;
        }
        var body = await HttpExchange.ReadBodyAsync(http, LambdaLimits.SyncPayloadBytes);
        instance.InitFailed(new InvocationResult.FunctionError(ErrorType(http), body ?? []));
        await AcceptedAsync(http);
    }

    private static string ErrorType(HttpContext http) =>
        http.Request.Headers[RuntimeApiHeaders.FunctionErrorType].FirstOrDefault() is { Length: > 0 } type ? type : "Unhandled";

    private static async Task AcceptedAsync(HttpContext http)
    {
        http.Response.StatusCode = 202;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync("""{"status":"OK"}""");
    }
}
