using System.Net;
using System.Text;

namespace Backend.Local.Tests;

/// <summary>One request to an emulator's API with every answer header readable, and the CORS ones picked out (both APIs' CORS tests).</summary>
internal static class CorsExchange
{
    public static async Task<(HttpStatusCode Status, string Body, Dictionary<string, string> Headers)> SendAsync(
        HttpClient api, HttpMethod method, string path, string? body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await api.SendAsync(request);
        var all = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), all);
    }

    public static Dictionary<string, string> Cors(Dictionary<string, string> headers) =>
        headers.Where(h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).ToDictionary(h => h.Key, h => h.Value);
}
