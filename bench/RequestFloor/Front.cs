using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RequestFloor;

/// <summary>The API Gateway side: every GET becomes an invocation, and its proxy response becomes the HTTP answer.</summary>
internal static class Front
{
    public static WebApplication Build(Invocations invocations)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/{**path}", async (HttpContext http) =>
        {
            var invocation = new Invocation(Guid.NewGuid().ToString(), ApiGatewayEvent.Create(Guid.NewGuid().ToString(), DateTimeOffset.UtcNow));
            invocations.Enqueue(invocation);
            var output = await invocation.Result.Task.WaitAsync(http.RequestAborted);
            // A REST proxy integration: the function's statusCode and body are the answer.
            using var proxy = JsonDocument.Parse(output);
            http.Response.StatusCode = proxy.RootElement.GetProperty("statusCode").GetInt32();
            http.Response.ContentType = "application/json";
            if (proxy.RootElement.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String)
                await http.Response.WriteAsync(body.GetString()!);
        });
        return app;
    }
}
