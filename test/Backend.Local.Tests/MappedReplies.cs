using System.Text;
using Backend.Local.Gateway;
using Backend.Local.Http;

namespace Backend.Local.Tests;

/// <summary>A function's proxy response through each kind of API's mapping, and what the client would get.</summary>
internal static class MappedReplies
{
    // An API that takes every media type for binary, so a base64 body is decoded.
    public static HttpReply Rest(string json) => ResponseMapper.Rest(Encoding.UTF8.GetBytes(json), ["*/*"], null);
    public static HttpReply HttpApi(string json) => ResponseMapper.HttpApi(Encoding.UTF8.GetBytes(json));
    public static string Body(HttpReply r) => Encoding.UTF8.GetString(r.Body);
    public static string[] Header(HttpReply r, string name) =>
        r.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToArray();
}
