using System.Text;
using System.Text.Json;
using Backend.Local.ControlPlane;
using Backend.Local.Http;
using Backend.Local.Runtime;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.LambdaApi;

/// <summary>
/// Invoke: RequestResponse (the answer or the function's error), Event (202, run in the background) or DryRun (204),
/// on the version the qualifier names (an alias with weights picks one); X-Amz-Executed-Version says which ran.
/// </summary>
internal sealed class InvokeOperation(FunctionCatalog catalog, LogSink logs)
{
    public async Task<HttpReply> InvokeAsync(HttpContext http, PathValues path)
    {
        var address = FunctionAddress.Parse(Uri.UnescapeDataString(path["name"]), http.Request.Query["Qualifier"].FirstOrDefault(), catalog.Local);
        var pool = catalog.InvokeTarget(address);
        var type = http.Request.Headers[LambdaApiHeaders.InvocationType].FirstOrDefault() ?? "RequestResponse";
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
        if (http.Request.Headers[LambdaApiHeaders.ClientContext].FirstOrDefault() is { Length: > 0 } encoded)
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

        if (type == "DryRun") return new HttpReply(204, [new(LambdaApiHeaders.ExecutedVersion, pool.Version)], []);
        var invocation = new Invocation(payload, clientContext);
        if (type == "Event")
        {
            // Accepted now, run in the background; its log goes to the console as any other.
            _ = Task.Run(async () =>
            {
                var result = await pool.InvokeAsync(invocation);
                if (result.IsError) logs.Write(pool.Function.FunctionName, $"Asynchronous invocation {invocation.RequestId} failed: {result}");
            });
            return new HttpReply(202, [new(LambdaApiHeaders.RequestId, invocation.RequestId)], []);
        }

        var outcome = await pool.InvokeAsync(invocation, http.RequestAborted);
        if (outcome is InvocationResult.Throttled) return LambdaApiErrors.Throttled();
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", "application/json"),
            new(LambdaApiHeaders.ExecutedVersion, pool.Version),
            new(LambdaApiHeaders.RequestId, invocation.RequestId),
        };
        if (outcome.IsError) headers.Add(new(LambdaApiHeaders.FunctionError, "Unhandled"));
        if (http.Request.Headers[LambdaApiHeaders.LogType].FirstOrDefault() == "Tail")
            headers.Add(new(LambdaApiHeaders.LogResult, Convert.ToBase64String(LastBytes(Encoding.UTF8.GetBytes(invocation.Log), 4096))));
        return new HttpReply(200, headers, outcome.Payload);
    }

    private static byte[] LastBytes(byte[] bytes, int count) => bytes.Length <= count ? bytes : bytes[^count..];
}
