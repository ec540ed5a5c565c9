using Backend.Local.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Backend.Local.Gateway;

/// <summary>
/// API Gateway's limits on the request head: a request line (URL) over 8,192 bytes is a 414, and a request line
/// plus headers over 10,240 bytes a 431, each with a JSON message. Counted as on the wire ("name: value\r\n"),
/// so a flood of many tiny headers is refused as surely as one huge header.
/// </summary>
public static class RequestHeadSize
{
    public static HttpReply? Check(HttpContext http)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Value ?? "/";
        var requestLine = http.Request.Method.Length + 1 + target.Length + 1 + http.Request.Protocol.Length + 2;
        if (requestLine > ApiGatewayLimits.RequestLineBytes) return GatewayErrors.UrlTooLong();

        long total = requestLine;
        foreach (var (name, values) in http.Request.Headers)
        {
            foreach (var value in values) total += name.Length + 2 + (value?.Length ?? 0) + 2;
            if (total > ApiGatewayLimits.HeadBytes) return GatewayErrors.HeadersTooLarge();
        }
        return null;
    }
}
