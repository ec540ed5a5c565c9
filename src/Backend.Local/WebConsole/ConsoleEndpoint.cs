using System.Reflection;
using Backend.DynamoDbLocal;
using Backend.Local.ControlPlane;
using Backend.Local.Gateway;
using Backend.Local.Http;
using Backend.Local.Runtime;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.WebConsole;

/// <summary>
/// The console in the browser, on its own port (3002): the page and its assets (embedded in this assembly, so
/// nothing is fetched from anywhere else) and the JSON and event-stream API it reads. Every endpoint is one line here.
/// </summary>
public sealed class ConsoleEndpoint
{
    public ConsoleEndpoint(FunctionCatalog catalog, FunctionHost host, LogSink logs, string templateDirectory,
        ApiGatewayEndpoint gateway, Func<Uri?> apiUrl, Func<DynamoDbLocalServer?> dynamoDb, Hosting.HttpsCertificate? https = null)
    {
        // Over HTTPS the console's requests to the API port trust the emulator's own certificate, which the system may not.
        var client = new HttpClient(https?.PinnedHandler() ?? new SocketsHttpHandler()) { Timeout = TimeSpan.FromSeconds(60) };
        var apis = new ConsoleApis(gateway, apiUrl, client);
        var tables = new ConsoleTables(dynamoDb);
        var functions = new ConsoleFunctions(catalog, host);
        var events = new ConsoleEvents(Path.Combine(templateDirectory, "events"), Path.Combine(templateDirectory, ".local", "console", "events"));
        var streams = new ConsoleStreams(catalog, host, logs);
        Routes = new HttpRoutes(fallback: RootOrNotFoundAsync)
            .Get("/index.html", (http, _) => AssetAsync(http, "index.html"))
            .Get("/assets/{file}", (http, path) => AssetAsync(http, path["file"]))
            .Get("/api/functions", (http, _) => HttpExchange.WriteAsync(http, ConsoleJson.Ok(functions.List())))
            .Get("/api/functions/{name}/events", (http, path) => HttpExchange.WriteAsync(http, ConsoleJson.Ok(events.List(path["name"]))))
            .Put("/api/functions/{name}/events/{event}", async (http, path) =>
                await HttpExchange.WriteAsync(http, events.Save(path["name"], path["event"], await HttpExchange.ReadBodyAsync(http, LambdaLimits.SyncPayloadBytes))))
            .Post("/api/functions/{name}/invoke", async (http, path) =>
                await HttpExchange.WriteAsync(http, await functions.InvokeAsync(path["name"], await HttpExchange.ReadBodyAsync(http, LambdaLimits.SyncPayloadBytes), http.RequestAborted)))
            .Get("/api/logs", (http, _) => streams.LogsAsync(http))
            .Get("/api/metrics", (http, _) => streams.MetricsAsync(http))
            .Get("/api/apis", (http, _) => HttpExchange.WriteAsync(http, ConsoleJson.Ok(apis.List())))
            .Post("/api/apis/send", async (http, _) => await HttpExchange.WriteAsync(http, await apis.SendAsync(await HttpExchange.ReadBodyAsync(http, ApiGatewayLimits.PayloadBytes), http.RequestAborted)))
            .Get("/api/tables", async (http, _) => await HttpExchange.WriteAsync(http, await tables.ListAsync(http.RequestAborted)))
            .Get("/api/tables/{table}/items", async (http, path) =>
                await HttpExchange.WriteAsync(http, await tables.ItemsAsync(path["table"], http.Request.Query["limit"], http.Request.Query["next"], http.RequestAborted)))
            .Put("/api/tables/{table}/items", async (http, path) =>
                await HttpExchange.WriteAsync(http, await tables.PutAsync(path["table"], await HttpExchange.ReadBodyAsync(http, ItemBytes), http.RequestAborted)))
            .Post("/api/tables/{table}/get", async (http, path) =>
                await HttpExchange.WriteAsync(http, await tables.GetAsync(path["table"], await HttpExchange.ReadBodyAsync(http, ItemBytes), http.RequestAborted)))
            .Post("/api/tables/{table}/delete", async (http, path) =>
                await HttpExchange.WriteAsync(http, await tables.DeleteAsync(path["table"], await HttpExchange.ReadBodyAsync(http, ItemBytes), http.RequestAborted)));
    }

    public HttpRoutes Routes { get; }

    /// <summary>DynamoDB's item size limit, 400 KB: a body over it is refused before it is read whole.</summary>
    private const int ItemBytes = 400 * 1024;

    /// <summary>The page at "/" (a path template has no empty segment), else a JSON 404.</summary>
    private static Task RootOrNotFoundAsync(HttpContext http, PathValues _) =>
        http.Request.Path.Value is "/" or "" && HttpMethods.IsGet(http.Request.Method)
            ? AssetAsync(http, "index.html")
            : HttpExchange.WriteAsync(http, ConsoleJson.Error(404, $"No such page or API: {http.Request.Method} {http.Request.Path}"));

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".png"] = "image/png",
    };

    private static async Task AssetAsync(HttpContext http, string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Backend.Local.WebConsole.Assets." + file);
        if (stream is null || !ContentTypes.TryGetValue(Path.GetExtension(file), out var contentType))
        {
            await HttpExchange.WriteAsync(http, ConsoleJson.Error(404, $"No such asset: {file}"));
            return;
        }
        http.Response.ContentType = contentType;
        http.Response.Headers.CacheControl = "no-cache";
        await stream.CopyToAsync(http.Response.Body, http.RequestAborted);
    }
}
