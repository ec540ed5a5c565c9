using System.Globalization;
using Backend.Local.Http;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.Runtime;

/// <summary>
/// The Lambda Runtime API the function processes talk to, one path prefix per instance:
/// <c>/{function}/{instance}/2018-06-01/runtime/…</c>. /next long-polls (never 204).
/// </summary>
public sealed class RuntimeApiEndpoint(Func<string, FunctionPool?> poolByName)
{
    private const string Version = "/2018-06-01/runtime/";

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var parts = path.Split(Version, 2);
        var prefix = parts[0].Trim('/').Split('/');
        if (parts.Length != 2 || prefix.Length != 2 || poolByName(prefix[0])?.Instance(prefix[1]) is not { } instance)
        {
            http.Response.StatusCode = 404;
            return;
        }
        var route = parts[1];
        if (route == "invocation/next" && HttpMethods.IsGet(http.Request.Method))
        {
            await NextAsync(http, instance);
        }
        else if (route == "init/error" && HttpMethods.IsPost(http.Request.Method))
        {
            var body = await HttpExchange.ReadBodyAsync(http, LambdaLimits.SyncPayloadBytes);
            instance.InitFailed(new InvocationResult.FunctionError(ErrorType(http), body ?? []));
            await AcceptedAsync(http);
        }
        else if (route.StartsWith("invocation/", StringComparison.Ordinal) && HttpMethods.IsPost(http.Request.Method)
                 && (route.EndsWith("/response", StringComparison.Ordinal) || route.EndsWith("/error", StringComparison.Ordinal)))
        {
            await CompleteAsync(http, instance, route);
        }
        else
        {
            http.Response.StatusCode = 404;
        }
    }

    private static async Task NextAsync(HttpContext http, FunctionInstance instance)
    {
        var invocation = await instance.NextAsync(http.RequestAborted);
        if (invocation is null)
        {
            // Draining or shutting down: 500 is the Runtime API's "exit now".
            http.Response.StatusCode = 500;
            return;
        }
        var headers = http.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddSeconds(instance.Function.Timeout).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = instance.FunctionArn;
        headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
        if (invocation.ClientContext is { } clientContext) headers["Lambda-Runtime-Client-Context"] = clientContext;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = invocation.Payload.Length;
        await http.Response.Body.WriteAsync(invocation.Payload, http.RequestAborted);
    }

    private static async Task CompleteAsync(HttpContext http, FunctionInstance instance, string route)
    {
        var isError = route.EndsWith("/error", StringComparison.Ordinal);
        var requestId = Uri.UnescapeDataString(route["invocation/".Length..route.LastIndexOf('/')]);
        var body = await HttpExchange.ReadBodyAsync(http, LambdaLimits.SyncPayloadBytes);
        InvocationResult result;
        if (body is null)
        {
            // Lambda refuses responses over 6 MB; the invocation fails with this error.
            result = new InvocationResult.ResponseTooLarge(LambdaLimits.SyncPayloadBytes);
            instance.Complete(requestId, result);
            http.Response.StatusCode = 413;
            return;
        }
        result = isError ? new InvocationResult.FunctionError(ErrorType(http), body) : new InvocationResult.Success(body);
        if (!instance.Complete(requestId, result))
        {
            http.Response.StatusCode = 400; // not the invocation in flight (late, or never sent)
            return;
        }
        await AcceptedAsync(http);
    }

    private static string ErrorType(HttpContext http) =>
        http.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault() is { Length: > 0 } type ? type : "Unhandled";

    private static async Task AcceptedAsync(HttpContext http)
    {
        http.Response.StatusCode = 202;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync("""{"status":"OK"}""");
    }
}
