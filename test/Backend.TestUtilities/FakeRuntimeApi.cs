using System.Collections.Concurrent;
using System.Threading.Channels;
using Backend.Lambda.RuntimeSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backend.Lambda.TestUtilities;

/// <summary>What the runtime posted back for one invocation.</summary>
public sealed record InvocationOutcome(string RequestId, bool IsError, byte[] Body, string? ErrorType, string? ContentType)
{
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>One invocation to hand out on /next; <see cref="Headers"/> replace the defaults when given.</summary>
public sealed record FakeInvocation(byte[] Payload, IReadOnlyDictionary<string, string>? Headers = null)
{
    public string RequestId { get; init; } = Guid.NewGuid().ToString();
}

/// <summary>
/// A Lambda Runtime API on 127.0.0.1 (random port, optional path prefix) for tests: it long-polls /next
/// like the real one (never 204), and completes one TaskCompletionSource per invocation.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _prefix;
    private readonly Channel<FakeInvocation> _queue = Channel.CreateUnbounded<FakeInvocation>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<InvocationOutcome>> _pending = new();
    private readonly TaskCompletionSource<InvocationOutcome> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _shutdown = new();

    private FakeRuntimeApi(WebApplication app, string prefix)
    {
        _app = app;
        _prefix = prefix;
    }

    /// <summary>host:port[/prefix], the value for AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address { get; private set; } = "";

    /// <summary>Completes when the runtime posts to init/error.</summary>
    public Task<InvocationOutcome> InitError => _initError.Task;

    /// <summary>How many times /next was called.</summary>
    public int NextCalls => _nextCalls;
    private int _nextCalls;

    public static async Task<FakeRuntimeApi> StartAsync(string pathPrefix = "")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
        var app = builder.Build();
        var api = new FakeRuntimeApi(app, pathPrefix.Trim('/').Length == 0 ? "" : "/" + pathPrefix.Trim('/'));
        app.Run(api.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.Address = new Uri(address).Authority + api._prefix;
        return api;
    }

    /// <summary>Queues an invocation and waits for the runtime's answer to it.</summary>
    public Task<InvocationOutcome> InvokeAsync(FakeInvocation invocation)
    {
        var outcome = _pending.GetOrAdd(invocation.RequestId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Writer.TryWrite(invocation);
        return outcome.Task;
    }

    public Task<InvocationOutcome> InvokeAsync(string payloadJson) =>
        InvokeAsync(new FakeInvocation(System.Text.Encoding.UTF8.GetBytes(payloadJson)));

    /// <summary>From now on /next answers 500, which tells the runtime to exit; waiting polls get it too.</summary>
    public void ShutDown() => _shutdown.Cancel();

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        if (!path.StartsWith(_prefix + RuntimeApiPaths.Root, StringComparison.Ordinal))
        {
            http.Response.StatusCode = 404;
            return;
        }
        var route = path[(_prefix.Length + RuntimeApiPaths.Root.Length)..];
        if (route == RuntimeApiPaths.Next && HttpMethods.IsGet(http.Request.Method)) await NextAsync(http);
        else if (route == RuntimeApiPaths.InitError) _initError.TrySetResult(await ReadOutcomeAsync(http, "", isError: true));
        else if (RequestIdIn(route, RuntimeApiPaths.ResponseTemplate) is { } responseId) await CompleteAsync(http, responseId, isError: false);
        else if (RequestIdIn(route, RuntimeApiPaths.ErrorTemplate) is { } errorId) await CompleteAsync(http, errorId, isError: true);
        else
        {
            http.Response.StatusCode = 404;
            return;
        }
        if (!http.Response.HasStarted && http.Response.StatusCode == 200) http.Response.StatusCode = 202;
    }

    /// <summary>
    /// The request id in a per-invocation path, matched against the contract's own route template
    /// ("invocation/{requestId}/response"). Kestrel leaves an escaped '/' (%2F) escaped in the path, so an id
    /// holding '/' stays between the template's fixed parts.
    /// </summary>
    private static string? RequestIdIn(string route, string template)
    {
        var open = template.IndexOf('{', StringComparison.Ordinal);
        var (before, after) = (template[..open], template[(template.IndexOf('}', StringComparison.Ordinal) + 1)..]);
        return route.Length > before.Length + after.Length && route.StartsWith(before, StringComparison.Ordinal) && route.EndsWith(after, StringComparison.Ordinal)
            ? Uri.UnescapeDataString(route[before.Length..^after.Length])
            : null;
    }

    private async Task CompleteAsync(HttpContext http, string requestId, bool isError)
    {
        if (!_pending.TryGetValue(requestId, out var pending))
        {
            http.Response.StatusCode = 400;
            return;
        }
        pending.TrySetResult(await ReadOutcomeAsync(http, requestId, isError));
    }

    private async Task NextAsync(HttpContext http)
    {
        Interlocked.Increment(ref _nextCalls);
        FakeInvocation invocation;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token, http.RequestAborted);
            invocation = await _queue.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            http.Response.StatusCode = 500;
            return;
        }
        var headers = invocation.Headers ?? new Dictionary<string, string>
        {
            [RuntimeApiHeaders.RequestId] = invocation.RequestId,
            [RuntimeApiHeaders.DeadlineMs] = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            [RuntimeApiHeaders.InvokedFunctionArn] = "arn:aws:lambda:us-east-1:123456789012:function:Test",
            [RuntimeApiHeaders.TraceId] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
        };
        foreach (var (name, value) in headers) http.Response.Headers[name] = value;
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(invocation.Payload);
    }

    private static async Task<InvocationOutcome> ReadOutcomeAsync(HttpContext http, string id, bool isError)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        return new InvocationOutcome(id, isError, body.ToArray(),
            http.Request.Headers[RuntimeApiHeaders.FunctionErrorType].FirstOrDefault(), http.Request.ContentType);
    }

    public async ValueTask DisposeAsync()
    {
        _shutdown.Cancel();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _shutdown.Dispose();
    }
}
