using System.Net;
using System.Net.Sockets;
using Backend.DynamoDbLocal;
using Backend.Local.Building;
using Backend.Local.ControlPlane;
using Backend.Local.ControlPlane.Code;
using Backend.Local.Gateway;
using Backend.Local.Gateway.AccessLogs;
using Backend.Local.LambdaApi;
using Backend.Local.Reload;
using Backend.Local.Runtime;
using Backend.Local.WebConsole;
using Backend.Template;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
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

    private readonly LambdaDirectoryLock _lambdaLock;
    private readonly string? _temporaryLambdaDirectory;
    private readonly SamTemplate _template;
    private HotReload? _reload;

    private readonly ApiGatewayEndpoint _gateway;
    private readonly AccessLogWriter _accessLogs;

    private LocalServer(SamTemplate template, FunctionHost functions, FunctionCatalog catalog, ApiGatewayEndpoint gateway, AccessLogWriter accessLogs, WebApplication app, DynamoDbLocalServer? dynamoDb,
        string runtimeAuthority, Uri? apiUrl, Uri? lambdaUrl, Uri? consoleUrl, IReadOnlyDictionary<string, string> assemblies, string lambdaDirectory, LambdaDirectoryLock lambdaLock, string? temporaryLambdaDirectory)
    {
        LambdaDirectory = lambdaDirectory;
        _template = template;
        _gateway = gateway;
        _accessLogs = accessLogs;
        Functions = functions;
        Catalog = catalog;
        _lambdaLock = lambdaLock;
        _temporaryLambdaDirectory = temporaryLambdaDirectory;
        _app = app;
        _dynamoDb = dynamoDb;
        RuntimeApiAuthority = runtimeAuthority;
        ApiUrl = apiUrl;
        LambdaUrl = lambdaUrl;
        ConsoleUrl = consoleUrl;
        Assemblies = assemblies;
    }

    /// <summary>The template served now: as read at start, or as last reloaded when watching.</summary>
    public SamTemplate Template => _reload?.Template.Model ?? _template;

    /// <summary>Whether API Gateway enforces the template's throttling (not with --no-throttling).</summary>
    public bool Throttling => _gateway.Throttling;

    /// <summary>Hot reload, when watching (--watch): what it watches, and the template it last read.</summary>
    public HotReload? Reload => _reload;

    /// <summary>Where the Lambda API keeps its functions and code (<c>functions/</c>, <c>code/</c>): a temporary folder when in memory.</summary>
    public string LambdaDirectory { get; }

    /// <summary>Where the APIs' access logs are written: &lt;Api&gt;-access.log, one line per request.</summary>
    public string AccessLogDirectory => _accessLogs.Directory;

    /// <summary>Completes once every access log line of the requests answered so far is in its file.</summary>
    public Task FlushAccessLogsAsync() => _accessLogs.FlushAsync();
    public FunctionHost Functions { get; }

    /// <summary>The functions that exist (the template's and the API's), with versions, aliases, policies and concurrency.</summary>
    public FunctionCatalog Catalog { get; }
    public string RuntimeApiAuthority { get; }
    public Uri? ApiUrl { get; }
    public Uri? LambdaUrl { get; }

    /// <summary>The certificate the API Gateway and Lambda API ports serve HTTPS with; null when they serve plain HTTP.</summary>
    public HttpsCertificate? Https { get; private init; }

    /// <summary>The console in the browser, when served.</summary>
    public Uri? ConsoleUrl { get; }
    public Uri? DynamoDbEndpoint => _dynamoDb?.Endpoint;

    /// <summary>Completes once DynamoDB Local answers with the template's tables (at once without tables); faults if it cannot start.</summary>
    public Task DynamoDbReady => _dynamoDb?.Ready ?? Task.CompletedTask;

    /// <summary>The DynamoDB Local this server started (fault tests stop and restart it); null without tables.</summary>
    public DynamoDbLocalServer? DynamoDb => _dynamoDb;
    public IReadOnlyDictionary<string, string> Assemblies { get; }

    public static async Task<LocalServer> StartAsync(LocalServerOptions options, CancellationToken cancellationToken = default)
    {
        // A taken port is found before the build and DynamoDB Local, which take seconds and would have to be undone.
        PortCheck.EnsureFree(options);
        var progress = StartupConsole.For(options.Console);
        var templateDirectory = options.Template.Directory;
        var template = options.Template.Model;
        foreach (var warning in template.Warnings) options.Console.WriteLine($"warning: {warning}");
        var functions = template.Functions.Where(f => options.OnlyFunctions?.Contains(f.LogicalId) ?? true).ToList();
        foreach (var warning in options.EnvironmentOverrides?.Warnings(template.Functions) ?? []) options.Console.WriteLine($"warning: {warning}");

        // Watching, builds share a compiler server of this emulator's (stopped with it): a warm one halves a rebuild.
        var compiler = options.Watch ? new CompilerServer() : null;
        DynamoDbLocalServer? dynamoDb = null;
        try
        {
            if (template.Tables.Count > 0)
            {
                dynamoDb = DynamoDbLocalServer.Create(new DynamoDbLocalOptions
                {
                    Tables = template.Tables,
                    DataDirectory = options.InMemory ? null : options.DataDirectory ?? Path.Combine(templateDirectory, ".local", "dynamodb-data"),
                    CacheDirectory = Path.Combine(templateDirectory, ".local", "dynamodb-local"),
                    Progress = progress,
                });
                // The JVM takes seconds to start: it starts while the functions build, and unless told to wait the
                // servers listen before it answers; only an instance of a function that uses a table waits for it
                // (FunctionHostOptions.Dependencies).
                _ = dynamoDb.StartAsync(CancellationToken.None);
            }
            var assemblies = options.Assemblies is { } prebuilt
                ? new Dictionary<string, string>(prebuilt)
                : await FunctionBuilder.BuildAsync(templateDirectory, functions, progress, compiler, cancellationToken);
            if (dynamoDb?.Ready is { } ready && options.WaitForDynamoDb) await ready.WaitAsync(cancellationToken);
            var server = await StartServersAsync(options, template, assemblies, dynamoDb);
            if (options.WarmContainers)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await server.Functions.StartWarmingAsync();
                progress.Report($"Warmed {server.Catalog.All.Count()} function(s) in {clock.Elapsed.TotalSeconds:F1} s (--warm-containers EAGER)");
            }
            if (compiler is not null) server.Watch(options, compiler);
            return server;
        }
        catch (Exception e)
        {
            compiler?.Stop();
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
        int? consolePort = options.ConsolePort is { } c ? (c == 0 ? FreePort(address) : c) : null;
        var logs = options.Logs ?? new LogSink(options.Console);
        var runtimeAuthority = $"127.0.0.1:{runtimePort}";

        var functions = new FunctionHost(template.Local, new FunctionHostOptions
        {
            RuntimeApiAuthority = runtimeAuthority,
            DynamoDbEndpoint = dynamoDb?.Endpoint.ToString(),
            // A function the template does not wire to a table (Calc) never waits for DynamoDB Local; one it does, or
            // one created through the Lambda API (nothing says what it uses), waits while it starts.
            Dependencies = dynamoDb?.Ready is { } ready ? f => f.TableReferences is [] ? Task.CompletedTask : ready : null,
            ConcurrencyLimit = options.ConcurrencyLimit,
            Logs = logs,
            WarmContainers = options.WarmContainers,
        });
        // In memory, what the API creates lives in a temporary folder that goes when the server stops.
        var temporaryLambdaDirectory = options.InMemory ? TemporaryLambdaDirectory.Create() : null;
        var lambdaDirectory = temporaryLambdaDirectory ?? options.LambdaDirectory ?? Path.Combine(options.Template.Directory, ".local", "lambda");
        var lambdaLock = LambdaDirectoryLock.Acquire(lambdaDirectory);
        var code = new CodeStore(Path.Combine(lambdaDirectory, "code"));
        FunctionCatalog catalog;
        try
        {
            catalog = LoadCatalog(options, template, assemblies, functions, new FunctionStore(lambdaDirectory), code, lambdaDirectory);
        }
        catch
        {
            lambdaLock.Dispose();
            throw;
        }
        var runtime = new RuntimeApiEndpoint(functions.Instances);
        var accessLogs = new AccessLogWriter(options.AccessLogDirectory ?? Path.Combine(options.Template.Directory, ".local", "logs"), logs, options.AccessLogConsole);
        var gateway = new ApiGatewayEndpoint(new RouteTable(template.Routes), catalog) { Throttling = options.Throttling, AccessLogs = accessLogs };
        var lambdaApi = new LambdaApiEndpoint(catalog, code, logs);

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
            // The Runtime API stays plain HTTP on loopback: functions reach it by AWS_LAMBDA_RUNTIME_API, which has no scheme.
            kestrel.Listen(IPAddress.Loopback, runtimePort);
            if (apiPort is { } api) kestrel.Listen(address, api, listen => Secure(listen, options.Https));
            if (lambdaPort is { } lambda) kestrel.Listen(address, lambda, listen => Secure(listen, options.Https));
            if (consolePort is { } console) kestrel.Listen(address, console);
        });
        var app = builder.Build();
        // One listener per port, each with its own routes (declared in RuntimeApiEndpoint, LambdaApiEndpoint, and the
        // template's for API Gateway): a request is served by the listener it arrived on, whatever its Host header says.
        var scheme = options.Https is null ? "http" : "https";
        var listeners = new Dictionary<int, RequestDelegate> { [runtimePort] = runtime.Routes.HandleAsync };
        if (apiPort is { } apiListener) listeners[apiListener] = gateway.HandleAsync;
        if (lambdaPort is { } lambdaListener) listeners[lambdaListener] = lambdaApi.Routes.HandleAsync;
        if (consolePort is { } consoleListener) listeners[consoleListener] = new ConsoleEndpoint(catalog, functions, logs, options.Template.Directory,
            gateway, () => apiPort is { } p ? new Uri($"{scheme}://{Reachable(address)}:{p}") : null,
            () => dynamoDb is { Ready.IsCompletedSuccessfully: true } ? dynamoDb : null, options.Https).Routes.HandleAsync;
        app.Run(http => listeners[http.Connection.LocalPort](http));
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await functions.DisposeAsync();
            await app.DisposeAsync();
            await accessLogs.DisposeAsync();
            lambdaLock.Dispose();
            throw;
        }
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return new LocalServer(template, functions, catalog, gateway, accessLogs, app, dynamoDb, runtimeAuthority,
            apiPort is { } ap ? new Uri($"{scheme}://{host}:{ap}", UriKind.Absolute) : null,
            lambdaPort is { } lp ? new Uri($"{scheme}://{host}:{lp}", UriKind.Absolute) : null,
            consolePort is { } cp ? new Uri($"http://{host}:{cp}", UriKind.Absolute) : null,
            assemblies, lambdaDirectory, lambdaLock, temporaryLambdaDirectory) { Https = options.Https };
    }

    /// <summary>Starts hot reload: saved sources rebuild their functions, a saved template.yaml is served anew.</summary>
    private void Watch(LocalServerOptions options, CompilerServer compiler)
    {
        _reload = HotReload.Start(new HotReloadOptions
        {
            Template = options.Template,
            Catalog = Catalog,
            Host = Functions,
            Assemblies = Assemblies,
            RestoredAtStart = options.Assemblies is null,
            EnvironmentOverrides = options.EnvironmentOverrides,
            Reroute = template => _gateway.Routes = new RouteTable(template.Routes),
            CreateTable = _dynamoDb is { } dynamoDb ? async table =>
            {
                await DynamoDbReady;
                await dynamoDb.CreateTableAsync(table);
            } : null,
            Serves = logicalId => options.OnlyFunctions?.Contains(logicalId) ?? true,
            Compiler = compiler,
            BuildTimeout = options.BuildTimeout,
            Logs = Functions.Logs,
        });
    }

    /// <summary>
    /// The template's functions (rebuilt from it at every start), then those an earlier run created through the API;
    /// what could not be read back is reported, and code packages no function uses any more are removed.
    /// </summary>
    private static FunctionCatalog LoadCatalog(LocalServerOptions options, SamTemplate template, Dictionary<string, string> assemblies,
        FunctionHost functions, FunctionStore store, CodeStore code, string lambdaDirectory)
    {
        var catalog = new FunctionCatalog(functions, store);
        foreach (var function in template.Functions.Where(f => assemblies.ContainsKey(f.LogicalId)))
            catalog.Load(TemplateFunctions.From(function, assemblies[function.LogicalId], template, options.EnvironmentOverrides));
        var stored = store.LoadAll(problem => options.Console.WriteLine($"warning: Lambda API state: {problem}"));
        foreach (var function in stored)
        {
            if (catalog.Find(function.Name) is not null)
            {
                options.Console.WriteLine($"warning: Lambda API state: {function.Name} was created through the API, but template.yaml now defines a function of that name: the template's is served (the stored one is kept on disk)");
                continue;
            }
            if (function.Versions.Append(function.Latest).FirstOrDefault(v => v.CodeHex is { } hex && code.Find(hex) is null) is { } lost)
            {
                options.Console.WriteLine($"warning: Lambda API state: {function.Name} version {lost.Version} names code {lost.CodeHex} that is missing: the function is not served");
                continue;
            }
            catalog.Load(function with
            {
                Latest = Relocated(function.Latest, code),
                Versions = function.Versions.Select(v => Relocated(v, code)).ToList(),
            });
        }
        code.RemoveExcept(catalog.CodeInUse().Union(stored.SelectMany(f => f.Versions.Append(f.Latest)).Select(v => v.CodeHex).OfType<string>()).ToHashSet(StringComparer.Ordinal));
        if (stored.Count > 0) options.Console.WriteLine($"Restored {stored.Count} function(s) created through the Lambda API, from {lambdaDirectory}");
        return catalog;
    }

    /// <summary>A stored version's code folder, where the code store keeps it now (the repository may have moved).</summary>
    private static VersionState Relocated(VersionState version, CodeStore code) =>
        version.CodeHex is { } hex && code.Find(hex) is { } package ? version with { CodeDirectory = package.Directory } : version;

    /// <summary>HTTPS on a listener when asked for (the API Gateway and Lambda API ports); plain HTTP otherwise.</summary>
    private static void Secure(ListenOptions listen, HttpsCertificate? https)
    {
        if (https is null) return;
        // HTTP/1.1 only, as over plain HTTP (where clients never speak HTTP/2): HTTPS changes the transport, not the
        // protocol an event records (requestContext.protocol) nor how header names reach the function.
        listen.Protocols = HttpProtocols.Http1;
        listen.UseHttps(new HttpsConnectionAdapterOptions
        {
            ServerCertificate = https.Certificate,
            ServerCertificateChain = https.Chain.Count > 0 ? https.Chain : null,
        });
    }

    /// <summary>Where this machine reaches a listener bound to the address (a wildcard is reached on loopback).</summary>
    private static string Reachable(IPAddress address) =>
        address.Equals(IPAddress.Any) ? "127.0.0.1"
        : address.Equals(IPAddress.IPv6Any) ? "[::1]"
        : address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

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
        // No reload may deploy while the functions stop; its builds are removed once nothing runs from them.
        if (_reload is not null) await _reload.DisposeAsync();
        await Functions.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        // After the servers: the last requests' lines are queued by then, and are written before the emulator exits.
        await _accessLogs.DisposeAsync();
        if (_dynamoDb is not null) await _dynamoDb.DisposeAsync();
        _lambdaLock.Dispose();
        if (_temporaryLambdaDirectory is not null && Directory.Exists(_temporaryLambdaDirectory)) Directory.Delete(_temporaryLambdaDirectory, recursive: true);
        _reload?.RemoveBuilds();
    }
}
