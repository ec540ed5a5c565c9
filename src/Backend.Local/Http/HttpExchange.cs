using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Backend.Local.Http;

/// <summary>Reading request bodies within a limit and writing our responses, for every endpoint of the emulator.</summary>
public static class HttpExchange
{
    /// <summary>The body, or null when it is over the limit (checked before reading it whole).</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpContext http, int limit)
    {
        if (http.Request.ContentLength > limit) return null;
        if (http.Request.ContentLength == 0) return [];
        using var buffer = new MemoryStream(http.Request.ContentLength is { } length ? (int)length : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    public static async Task WriteAsync(HttpContext http, HttpReply reply)
    {
        http.Response.StatusCode = reply.StatusCode;
        foreach (var (name, value) in reply.Headers) http.Response.Headers.Append(name, value);
        http.Response.ContentLength = reply.Body.Length;
        if (reply.Body.Length > 0 && !HttpMethods.IsHead(http.Request.Method)) await http.Response.Body.WriteAsync(reply.Body);
    }
}
