using System.Text;
using System.Text.Json.Nodes;
using Backend.Local.Gateway;
using Backend.Local.Http;
using Backend.Template;

namespace Backend.Local.WebConsole;

/// <summary>
/// The APIs view: the routes served now, per API, with their validators; and a request sent through the real API
/// Gateway listener, answered with the HTTP response, the event the function received and the proxy response it
/// returned, and the same request as a curl line.
/// </summary>
internal sealed class ConsoleApis(ApiGatewayEndpoint gateway, Func<Uri?> apiUrl, HttpClient client)
{
    public JsonObject List()
    {
        var apis = new JsonArray();
        foreach (var api in gateway.Routes.Routes.GroupBy(r => r.Api.LogicalId))
        {
            var definition = api.First().Api;
            var routes = new JsonArray();
            foreach (var route in api.OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal))
            {
                routes.Add((JsonNode)new JsonObject
                {
                    ["method"] = route.Method,
                    ["path"] = route.Path,
                    ["function"] = route.FunctionLogicalId,
                    ["pathParameters"] = new JsonArray([.. PathTemplateParameters(route.Path).Select(p => (JsonNode)JsonValue.Create(p))]),
                    ["validator"] = route.Validation is not { } v ? null : new JsonObject
                    {
                        ["requiredQuery"] = new JsonArray([.. v.RequiredQueryParameters.Select(q => (JsonNode)JsonValue.Create(q))]),
                        ["requiredHeaders"] = new JsonArray([.. v.RequiredHeaders.Select(h => (JsonNode)JsonValue.Create(h))]),
                        ["bodyModel"] = v.BodyModel,
                        ["bodySchema"] = v.BodyModel is { } model ? definition.Model(model)?.DeepClone() : null,
                    },
                });
            }
            apis.Add((JsonNode)new JsonObject
            {
                ["logicalId"] = definition.LogicalId,
                ["kind"] = definition.Kind == ApiKind.Rest ? "REST" : "HTTP",
                ["stage"] = definition.StageName,
                ["basePath"] = definition.Kind == ApiKind.Rest ? "/" + definition.StageName : "",
                ["routes"] = routes,
            });
        }
        return new JsonObject { ["apis"] = apis };
    }

    public async Task<HttpReply> SendAsync(byte[]? body, CancellationToken cancellationToken)
    {
        if (apiUrl() is not { } api) return ConsoleJson.Error(400, "API Gateway is not served by this emulator (start, or start-api)");
        var (node, refusal) = ConsoleJson.RequiredJson(body);
        if (refusal is not null) return refusal;
        if (node is not JsonObject request || request["method"]?.GetValue<string>() is not { Length: > 0 } method || request["path"]?.GetValue<string>() is not { } path || !path.StartsWith('/'))
            return ConsoleJson.Error(400, "A request is {\"method\": \"GET\", \"path\": \"/prod/…\", \"query\": \"a=1\", \"headers\": {\"Name\": \"value\"}, \"body\": \"…\"}");
        var query = request["query"]?.GetValue<string>() is { Length: > 0 } q ? "?" + q.TrimStart('?') : "";
        var url = new Uri(api, path + query);
        using var message = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
        var text = request["body"]?.GetValue<string>();
        if (text is not null) message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        var headers = request["headers"] as JsonObject ?? [];
        foreach (var (name, value) in headers)
        {
            var headerValue = value?.GetValue<string>() ?? "";
            if (!message.Headers.TryAddWithoutValidation(name, headerValue)) message.Content?.Headers.TryAddWithoutValidation(name, headerValue);
        }
        using var response = await client.SendAsync(message, cancellationToken);
        var responseBody = await response.Content.ReadAsStringAsync(cancellationToken);
        var responseHeaders = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers)) responseHeaders[name] = string.Join(", ", values);
        var requestId = response.Headers.TryGetValues(ApiGatewayHeaders.RestRequestId, out var rest) ? rest.First()
            : response.Headers.TryGetValues(ApiGatewayHeaders.HttpRequestId, out var http) ? http.First() : null;
        var exchange = requestId is null ? null : gateway.Exchanges.Find(requestId);
        return ConsoleJson.Ok(new JsonObject
        {
            ["status"] = (int)response.StatusCode,
            ["headers"] = responseHeaders,
            ["body"] = responseBody,
            ["event"] = exchange is null ? null : ConsoleJson.Parsed(exchange.Event),
            ["proxyResponse"] = exchange is null ? null : ConsoleJson.Parsed(exchange.ProxyResponse),
            ["curl"] = Curl(method.ToUpperInvariant(), url, headers, text),
        });
    }

    private static IEnumerable<string> PathTemplateParameters(string path) =>
        path.Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1].TrimEnd('+'));

    /// <summary>The same request for a shell: single-quoted, with a quote inside written as '\''.</summary>
    private static string Curl(string method, Uri url, JsonObject headers, string? body)
    {
        static string Quoted(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var line = new StringBuilder("curl");
        if (method != "GET" || body is not null) line.Append(" -X ").Append(method);
        line.Append(' ').Append(Quoted(url.ToString()));
        foreach (var (name, value) in headers) line.Append(" -H ").Append(Quoted($"{name}: {value?.GetValue<string>()}"));
        if (body is not null) line.Append(" -d ").Append(Quoted(body));
        return line.ToString();
    }
}
