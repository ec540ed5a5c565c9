using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RequestFloor;

/// <summary>The Lambda Runtime API, only what a warm invocation uses: the /next long poll and the /response POST.</summary>
internal sealed class RuntimeApi(int workers)
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:RequestFloor";
    private readonly TaskCompletionSource _allPolling = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _polls;

    /// <summary>Completes once every worker has polled /next: from then on the floor serves at full width.</summary>
    public Task AllPolling => _allPolling.Task;

    public WebApplication Build(Invocations invocations)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/2018-06-01/runtime/invocation/next", async (HttpContext http) =>
        {
            if (Interlocked.Increment(ref _polls) == workers) _allPolling.TrySetResult();
            Invocation invocation;
            try
            {
                invocation = await invocations.TakeAsync(http.RequestAborted);
            }
            catch (ChannelClosedException)
            {
                // The floor is stopping: a 500 from /next tells a runtime client to exit.
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }
            var now = DateTimeOffset.UtcNow;
            var headers = http.Response.Headers;
            headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
            headers["Lambda-Runtime-Deadline-Ms"] = now.AddSeconds(30).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            headers["Lambda-Runtime-Invoked-Function-Arn"] = FunctionArn;
            headers["Lambda-Runtime-Trace-Id"] = TraceId(now);
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(invocation.EventJson);
        });
        app.MapPost("/2018-06-01/runtime/invocation/{requestId}/response", async (string requestId, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            return invocations.TryComplete(requestId, body.ToArray()) ? Results.Accepted() : Results.NotFound();
        });
        return app;
    }

    /// <summary>An X-Ray trace header of the shape Lambda sends.</summary>
    private static string TraceId(DateTimeOffset now) => string.Create(CultureInfo.InvariantCulture,
        $"Root=1-{now.ToUnixTimeSeconds():x8}-{Guid.NewGuid().ToString("N")[..24]};Parent={Guid.NewGuid().ToString("N")[..16]};Sampled=0");
}
