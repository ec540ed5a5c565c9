using System.Text;
using System.Text.Json.Nodes;
using Backend.Local.ControlPlane;
using Backend.Local.Runtime;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.WebConsole;

/// <summary>
/// The console's live views as server-sent events: the log tail (recent lines, then each new one) and the
/// figures of each second (the page keeps its own window). The page opens one stream per view, never polls.
/// </summary>
internal sealed class ConsoleStreams(FunctionCatalog catalog, FunctionHost host, LogSink logs)
{
    public async Task LogsAsync(HttpContext http)
    {
        Start(http);
        var cancel = http.RequestAborted;
        try
        {
            await foreach (var line in logs.Feed.FollowAsync(cancel))
            {
                await SendAsync(http, new JsonObject
                {
                    ["time"] = line.TimeUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                    ["function"] = line.Function,
                    ["line"] = line.Line,
                });
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The page went away.
        }
    }

    public async Task MetricsAsync(HttpContext http)
    {
        Start(http);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                var to = DateTime.UtcNow;
                var functions = new JsonArray();
                foreach (var function in catalog.All)
                {
                    var figures = ConsoleFunctions.Figures(host.Metrics.Figures(function.Name, to.AddSeconds(-1), to));
                    figures["name"] = function.Name;
                    figures["concurrent"] = host.Pools.Where(p => p.Function.FunctionName == function.Name).Sum(p => p.Busy);
                    functions.Add((JsonNode)figures);
                }
                await SendAsync(http, new JsonObject
                {
                    ["time"] = to.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                    ["functions"] = functions,
                });
            }
            while (await timer.WaitForNextTickAsync(http.RequestAborted));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The page went away.
        }
    }

    private static void Start(HttpContext http)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
    }

    private static async Task SendAsync(HttpContext http, JsonNode data)
    {
        await http.Response.WriteAsync("data: " + data.ToJsonString() + "\n\n", Encoding.UTF8, http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }
}
