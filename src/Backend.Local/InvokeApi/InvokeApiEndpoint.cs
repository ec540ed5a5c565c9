using System.Text;
using System.Text.Json;
using Backend.Local.Runtime;
using Backend.Local.Http;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.InvokeApi;

/// <summary>
/// The Lambda API on its own port: Invoke (RequestResponse, Event, DryRun), ListFunctions,
/// GetFunction and GetFunctionConfiguration, so the AWS CLI and SDKs work with --endpoint-url.
/// </summary>
public sealed class InvokeApiEndpoint(FunctionHost functions, Func<FunctionPool, string> codeLocation, LogSink logs)
{
    private const string Prefix = "/2015-03-31/functions";

    public async Task HandleAsync(HttpContext http)
    {
        var response = await AnswerAsync(http);
        await HttpExchange.WriteAsync(http, response);
    }

    private async Task<HttpReply> AnswerAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var method = http.Request.Method;
        if (!path.StartsWith(Prefix, StringComparison.Ordinal)) return LambdaApiErrors.UnknownOperation(method, path);
        var rest = path[Prefix.Length..].Trim('/');
        if (rest.Length == 0 && HttpMethods.IsGet(method)) return Json(200, FunctionConfigurationJson.List(functions));

        var parts = rest.Split('/');
        var name = Uri.UnescapeDataString(parts[0]);
        var pool = functions.Find(name);
        var qualifier = http.Request.Query["Qualifier"].FirstOrDefault();
        if (pool is null || (qualifier is not null && qualifier != "$LATEST"))
        {
            var arn = name.StartsWith("arn:", StringComparison.Ordinal) ? name : functions.Local.FunctionArn(name);
            return LambdaApiErrors.FunctionNotFound(qualifier is null ? arn : $"{arn}:{qualifier}");
        }

        return (parts.Length, method) switch
        {
            (1, "GET") => Json(200, FunctionConfigurationJson.Function(pool, functions, codeLocation(pool))),
            (2, "GET") when parts[1] == "configuration" => Json(200, FunctionConfigurationJson.Configuration(pool, functions)),
            (2, "POST") when parts[1] == "invocations" => await InvokeAsync(http, pool),
            _ => LambdaApiErrors.UnknownOperation(method, path),
        };
    }

    private async Task<HttpReply> InvokeAsync(HttpContext http, FunctionPool pool)
    {
        var type = http.Request.Headers["X-Amz-Invocation-Type"].FirstOrDefault() ?? "RequestResponse";
        if (type is not ("RequestResponse" or "Event" or "DryRun"))
            return LambdaApiErrors.InvalidParameter($"1 validation error detected: Value '{type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        var limit = type == "Event" ? LambdaLimits.AsyncPayloadBytes : LambdaLimits.SyncPayloadBytes;
        var payload = await HttpExchange.ReadBodyAsync(http, limit);
        if (payload is null) return LambdaApiErrors.TooLarge(limit);
        if (payload.Length == 0) payload = "{}"u8.ToArray();
        // System.Text.Json accepts invalid UTF-8 inside strings until one is read; Lambda refuses it up front.
        if (!System.Text.Unicode.Utf8.IsValid(payload)) return LambdaApiErrors.InvalidJson("Invalid UTF-8 byte sequence");
        try
        {
            using var _ = JsonDocument.Parse(payload);
        }
        catch (JsonException e)
        {
            return LambdaApiErrors.InvalidJson(e.Message);
        }
        string? clientContext = null;
        if (http.Request.Headers["X-Amz-Client-Context"].FirstOrDefault() is { Length: > 0 } encoded)
        {
            try
            {
                clientContext = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            catch (FormatException)
            {
                return LambdaApiErrors.InvalidClientContext();
            }
        }

        if (type == "DryRun") return new HttpReply(204, [new("X-Amz-Executed-Version", "$LATEST")], []);
        var invocation = new Invocation(payload, clientContext);
        if (type == "Event")
        {
            // Accepted now, run in the background; its log goes to the console as any other.
            _ = Task.Run(async () =>
            {
                var result = await pool.InvokeAsync(invocation);
                if (result.IsError) logs.Write(pool.Function.FunctionName, $"Asynchronous invocation {invocation.RequestId} failed: {result}");
            });
            return new HttpReply(202, [new("x-amzn-RequestId", invocation.RequestId)], []);
        }

        var outcome = await pool.InvokeAsync(invocation, http.RequestAborted);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", "application/json"),
            new("X-Amz-Executed-Version", "$LATEST"),
            new("x-amzn-RequestId", invocation.RequestId),
        };
        if (outcome.IsError) headers.Add(new("X-Amz-Function-Error", "Unhandled"));
        if (http.Request.Headers["X-Amz-Log-Type"].FirstOrDefault() == "Tail")
            headers.Add(new("X-Amz-Log-Result", Convert.ToBase64String(LastBytes(Encoding.UTF8.GetBytes(invocation.Log), 4096))));
        return new HttpReply(200, headers, outcome.Payload);
    }

    private static byte[] LastBytes(byte[] bytes, int count) => bytes.Length <= count ? bytes : bytes[^count..];

    private static HttpReply Json(int status, byte[] body) => new(status, [new("Content-Type", "application/json")], body);
}
