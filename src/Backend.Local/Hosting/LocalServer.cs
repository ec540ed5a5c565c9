using System.Net;
using System.Net.Sockets;
using Backend.DynamoDbLocal;
using Backend.Local.Gateway;
using Backend.Local.LambdaApi;
using Backend.Local.Runtime;
using Backend.Template;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Backend.Local.Hosting;

/// <summary>
/// The whole backend on one machine: functions built, DynamoDB Local with the template's tables,
/// the Runtime API for the function processes, and (as asked) API Gateway and the Invoke API.
/// Disposing it stops everything it started.
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DynamoDbLocalServer? _dynamoDb;

    private LocalServer(SamTemplate template, FunctionHost functions, WebApplication app, DynamoDbLocalServer? dynamoDb,
        string runtimeAuthority, Uri? apiUrl, Uri? lambdaUrl, IReadOnlyDictionary<string, string> assemblies)
    {
        Template = template;
        Functions = functions;
        _app = app;
        _dynamoDb = dynamoDb;
        RuntimeApiAuthority = runtimeAuthority;
        ApiUrl = apiUrl;
        LambdaUrl = lambdaUrl;
        Assemblies = assemblies;
    }

    public SamTemplate Template { get; }
    public FunctionHost Functions { get; }
    public string RuntimeApiAuthority { get; }
    public Uri? ApiUrl { get; }
    public Uri? LambdaUrl { get; }
    public Uri? DynamoDbEndpoint => _dynamoDb?.Endpoint;

    /// <summary>The DynamoDB Local this server started (fault tests stop and restart it); null without tables.</summary>
    public DynamoDbLocalServer? DynamoDb => _dynamoDb;
    public IReadOnlyDictionary<string, string> Assemblies { get; }

    public static async Task<LocalServer> StartAsync(LocalServerOptions options, CancellationToken cancellationToken = default)
    {
        // A taken port is found before the build and DynamoDB Local, which take seconds and would have to be undone.
        PortCheck.EnsureFree(options);
        var progress = new ConsoleProgress(options.Console);
        var templateDirectory = options.Template.Directory;
        var template = options.Template.Model;
        foreach (var warning in template.Warnings) options.Console.WriteLine($"warning: {warning}");
        var functions = template.Functions.Where(f => options.OnlyFunctions?.Contains(f.LogicalId) ?? true).ToList();

        var assemblies = options.Assemblies is { } prebuilt
            ? new Dictionary<string, string>(prebuilt)
            : await FunctionBuilder.BuildAsync(templateDirectory, functions, progress, cancellationToken);

        DynamoDbLocalServer? dynamoDb = null;
        if (template.Tables.Count > 0)
        {
            dynamoDb = await DynamoDbLocalServer.StartAsync(new DynamoDbLocalOptions
            {
                Tables = template.Tables,
                DataDirectory = options.InMemory ? null : options.DataDirectory ?? Path.Combine(templateDirectory, ".local", "dynamodb-data"),
                CacheDirectory = Path.Combine(templateDirectory, ".local", "dynamodb-local"),
                Progress = progress,
            }, cancellationToken);
        }

        try
        {
            return await StartServersAsync(options, template, assemblies, dynamoDb);
        }
        catch (Exception e)
        {
            if (dynamoDb is not null) await dynamoDb.DisposeAsync();
            // Taken between the check and Kestrel's bind (a race): named as the check names it when it still is.
            if (e is IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException })
            {
                PortCheck.EnsureFree(options);
                throw new UsageException($"a port is already in use: {e.Message}");
            }
            throw;
        }
    }

    private static async Task<LocalServer> StartServersAsync(LocalServerOptions options, SamTemplate template,
        Dictionary<string, string> assemblies, DynamoDbLocalServer? dynamoDb)
    {
        var runtimePort = FreePort(IPAddress.Loopback);
        var address = IPAddress.Parse(options.Host);
        int? apiPort = options.ApiPort is { } a ? (a == 0 ? FreePort(address) : a) : null;
        int? lambdaPort = options.LambdaPort is { } l ? (l == 0 ? FreePort(address) : l) : null;
        var logs = options.Logs ?? new LogSink(options.Console);
        var runtimeAuthority = $"127.0.0.1:{runtimePort}";

        var functions = new FunctionHost(template, new FunctionHostOptions
        {
            Assemblies = assemblies,
            RuntimeApiAuthority = runtimeAuthority,
            DynamoDbEndpoint = dynamoDb?.Endpoint.ToString(),
            ConcurrencyLimit = options.ConcurrencyLimit,
            Logs = logs,
        });
        var runtime = new RuntimeApiEndpoint(functions.Find);
        var gateway = new ApiGatewayEndpoint(new RouteTable(template.Routes), functions);
        var lambdaApi = new LambdaApiEndpoint(functions, pool => "file://" + Path.GetDirectoryName(assemblies[pool.Function.LogicalId]), logs);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Bodies are limited per endpoint (10 MB API Gateway, 6 MB Lambda) by reading at most that much.
            kestrel.Limits.MaxRequestBodySize = null;
            // Kestrel's own refusals are bare (no JSON); its head limits sit well above API Gateway's, which
            // ApiGatewayEndpoint enforces with API Gateway's JSON answers.
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 1024 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 10_000;
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, runtimePort);
            if (apiPort is { } api) kestrel.Listen(address, api);
            if (lambdaPort is { } lambda) kestrel.Listen(address, lambda);
        });
        var app = builder.Build();
        // One listener per port, each with its own routes (declared in RuntimeApiEndpoint, LambdaApiEndpoint, and the
        // template's for API Gateway): a request is served by the listener it arrived on, whatever its Host header says.
        var listeners = new Dictionary<int, RequestDelegate> { [runtimePort] = runtime.Routes.HandleAsync };
        if (apiPort is { } apiListener) listeners[apiListener] = gateway.HandleAsync;
        if (lambdaPort is { } lambdaListener) listeners[lambdaListener] = lambdaApi.Routes.HandleAsync;
        app.Run(http => listeners[http.Connection.LocalPort](http));
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await functions.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return new LocalServer(template, functions, app, dynamoDb, runtimeAuthority,
            apiPort is { } ap ? new Uri($"http://{host}:{ap}", UriKind.Absolute) : null,
            lambdaPort is { } lp ? new Uri($"http://{host}:{lp}", UriKind.Absolute) : null,
            assemblies);
    }

    /// <summary>Writes each line at once, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class ConsoleProgress(TextWriter console) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (console) console.WriteLine(value);
        }
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Stops every function process first, then the servers, then DynamoDB Local. Functions go first because an
    /// idle instance's long-poll on /next is a request in flight on the Runtime API, and Kestrel's graceful stop
    /// would wait for it until its shutdown timeout; a busy instance gets a moment to finish its invocation before
    /// it is killed (its caller then gets the function's error). DynamoDB Local goes last: functions write to it
    /// until they stop.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await Functions.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_dynamoDb is not null) await _dynamoDb.DisposeAsync();
    }
}
