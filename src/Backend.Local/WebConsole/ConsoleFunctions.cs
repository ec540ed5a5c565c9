using System.Globalization;
using System.Text.Json.Nodes;
using Backend.Local.ControlPlane;
using Backend.Local.Http;
using Backend.Local.LambdaApi;
using Backend.Local.Runtime;

namespace Backend.Local.WebConsole;

/// <summary>The functions as the console shows them (configuration, instances, recent figures), and the Test tab's invoke.</summary>
internal sealed class ConsoleFunctions(FunctionCatalog catalog, FunctionHost host)
{
    public JsonObject List()
    {
        var now = DateTime.UtcNow;
        var functions = new JsonArray();
        foreach (var function in catalog.All)
        {
            var pools = host.Pools.Where(p => p.Function.FunctionName == function.Name).ToList();
            var busy = pools.Sum(p => p.Busy);
            var figures = host.Metrics.Figures(function.Name, now - InvocationMetrics.Kept, now.AddSeconds(1));
            functions.Add((JsonNode)new JsonObject
            {
                ["name"] = function.Name,
                ["logicalId"] = function.LogicalId,
                ["runtime"] = function.Latest.Runtime,
                ["handler"] = function.Latest.Handler,
                ["memorySize"] = function.Latest.MemorySize,
                ["timeout"] = function.Latest.Timeout,
                ["lastModified"] = function.Latest.LastModified,
                ["fromTemplate"] = function.FromTemplate,
                ["instances"] = new JsonObject { ["idle"] = pools.Sum(p => p.InstanceCount) - busy, ["busy"] = busy },
                ["stats"] = Figures(figures),
            });
        }
        return new JsonObject { ["functions"] = functions };
    }

    public static JsonObject Figures(FunctionFigures figures) => new()
    {
        ["invocations"] = figures.Invocations,
        ["errors"] = figures.Errors,
        ["throttles"] = figures.Throttles,
        ["coldStarts"] = figures.ColdStarts,
        ["p50"] = Rounded(figures.P50),
        ["p99"] = Rounded(figures.P99),
    };

    /// <summary>Runs the event on the function's $LATEST, as the Lambda console's Test button does, and tells all about it.</summary>
    public async Task<HttpReply> InvokeAsync(string name, byte[]? body, CancellationToken cancellationToken)
    {
        var (_, refusal) = ConsoleJson.RequiredJson(body);
        if (refusal is not null) return refusal;
        FunctionPool pool;
        try
        {
            pool = catalog.InvokeTarget(new FunctionAddress(name, null));
        }
        catch (LambdaApiException)
        {
            return ConsoleJson.Error(404, $"No function named {name}");
        }
        var invocation = new Invocation(body!);
        var result = await pool.InvokeAsync(invocation, cancellationToken);
        var report = invocation.Report;
        var error = result.IsError ? ConsoleJson.Parsed(result.Payload) as JsonObject : null;
        return ConsoleJson.Ok(new JsonObject
        {
            ["status"] = result.IsError ? "failed" : "succeeded",
            ["errorType"] = result.IsError ? result.ErrorType ?? error?["errorType"]?.GetValue<string>() : null,
            ["errorMessage"] = error?["errorMessage"]?.DeepClone(),
            ["result"] = ConsoleJson.Parsed(result.Payload),
            ["summary"] = report is null ? null : new JsonObject
            {
                ["requestId"] = report.RequestId,
                ["duration"] = Rounded(report.Duration.TotalMilliseconds),
                ["billedDuration"] = report.Throttled ? 0 : report.BilledDurationMs,
                ["initDuration"] = Rounded(report.InitDuration?.TotalMilliseconds),
                ["memorySize"] = report.MemorySizeMb,
                ["maxMemoryUsed"] = report.MaxMemoryUsedMb,
                ["cold"] = report.Cold,
            },
            ["log"] = invocation.Log,
        });
    }

    private static double? Rounded(double? milliseconds) => milliseconds is { } ms ? Math.Round(ms, 2) : null;
}
