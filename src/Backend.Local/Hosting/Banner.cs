using System.Text.Json;
using Backend.Template;

namespace Backend.Local.Hosting;

/// <summary>What the emulator serves, with a ready command line for each route and for the Invoke API.</summary>
public static class Banner
{
    public static void Write(TextWriter output, LocalServer server, string eventsDirectory)
    {
        if (server.DynamoDbEndpoint is { } dynamo)
            output.WriteLine($"DynamoDB Local:   {Text(dynamo)}  (tables: {string.Join(", ", server.Template.Tables.Select(t => t.TableName))})");
        // A self-signed certificate is no client's to trust until told: every ready command line says where it is.
        var trust = server.Https is { SelfSigned: true } selfSigned ? Shown(selfSigned.CertificatePath) : null;
        if (server.Https is { } https)
        {
            output.WriteLine(trust is not null
                ? $"HTTPS:            self-signed certificate {trust}, valid until {https.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}: trust it with curl --cacert {trust}, aws --ca-bundle {trust} (or AWS_CA_BUNDLE={trust}), or skip checks with curl -k"
                : $"HTTPS:            certificate {https.CertificatePath} ({https.Certificate.Subject}, valid until {https.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd})");
        }
        if (server.ApiUrl is { } api)
        {
            output.WriteLine($"API Gateway:      {Text(api)}");
            foreach (var route in server.Template.Routes.Where(r => server.Catalog.Find(r.FunctionLogicalId) is not null))
            {
                var stage = route.Api.Kind == ApiKind.Rest ? "/" + route.Api.StageName : "";
                output.WriteLine($"  {route.Method,-6} {stage}{route.Path}  ->  {route.FunctionLogicalId}");
                output.WriteLine($"         {Curl(api, route, stage, eventsDirectory, trust)}");
            }
            if (Throttling(server) is { } throttling) output.WriteLine($"Throttling:       {throttling}");
        }
        if (server.LambdaUrl is { } lambda)
        {
            output.WriteLine($"Lambda API:       {Text(lambda)}  (functions: {string.Join(", ", server.Catalog.All.Select(f => f.Name))})");
            var first = server.Template.Functions.FirstOrDefault(f => server.Catalog.Find(f.LogicalId) is not null);
            if (first is not null)
            {
                var payload = DirectPayload(eventsDirectory, first) ?? "{}";
                var caBundle = trust is null ? "" : $" --ca-bundle {trust}";
                output.WriteLine($"  aws lambda invoke --endpoint-url {Text(lambda)}{caBundle} --no-sign-request --region {server.Template.Local.Region} --function-name {first.FunctionName} --payload '{payload}' out.json");
                output.WriteLine($"  aws lambda list-functions --endpoint-url {Text(lambda)}{caBundle} --no-sign-request --region {server.Template.Local.Region}");
            }
        }
        if (server.ConsoleUrl is { } console) output.WriteLine($"Console:          {Text(console)}  (functions, test events, monitor, logs: open it in a browser)");
        if (server.Reload is { } reload)
        {
            var folders = reload.Folders.Select(f => Path.GetRelativePath(reload.Template.Directory, f.Path) is var relative && f.Recursive ? relative + "/" : relative).Where(f => f != ".");
            output.WriteLine($"Watching:         {Path.GetFileName(reload.Template.Path)} and {string.Join(", ", folders)}: a save rebuilds and reloads what it changes (--no-watch: serve only what was built at start)");
        }
        output.WriteLine("Ctrl+C stops everything.");
    }

    /// <summary>
    /// One line on the APIs' throttling: each stage-wide limit (per method), how many methods have their own; or that
    /// --no-throttling turned it off. Nothing when the template throttles nothing.
    /// </summary>
    private static string? Throttling(LocalServer server)
    {
        var apis = server.Template.Apis.Where(a => a.Throttling.Count > 0 && server.Template.Routes.Any(r => ReferenceEquals(r.Api, a))).ToList();
        if (apis.Count == 0) return null;
        if (!server.Throttling) return "off (--no-throttling): the APIs' throttling settings are not enforced";
        var stages = apis.Select(a =>
        {
            var stageWide = a.Throttling.FirstOrDefault(s => s.Specificity == 0);
            var limits = stageWide is { RateLimit: { } rate, BurstLimit: { } burst } ? $"{rate.ToString(System.Globalization.CultureInfo.InvariantCulture)} req/s, burst {burst} per method" : "no stage-wide limit";
            var own = a.Throttling.Count(s => s.Specificity > 0);
            return $"{a.LogicalId} ({a.StageName}) {limits}{(own > 0 ? $", {own} with their own" : "")}";
        });
        return $"{string.Join("; ", stages)}: 429 beyond (--no-throttling turns it off)";
    }

    /// <summary>A curl line for the route, with the body, query and path of a matching event file when there is one.</summary>
    private static string Curl(Uri api, RouteDefinition route, string stage, string eventsDirectory, string? trust)
    {
        var example = EventFor(eventsDirectory, route);
        var path = route.Path;
        string? body = null;
        var query = "";
        if (example is { } e)
        {
            if (e.TryGetProperty("path", out var p) && p.GetString() is { } examplePath) path = examplePath;
            if (e.TryGetProperty("rawPath", out var rp) && rp.GetString() is { } rawPath) path = rawPath;
            if (e.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String) body = b.GetString();
            if (e.TryGetProperty("rawQueryString", out var rq) && rq.GetString() is { Length: > 0 } raw) query = "?" + raw;
            else if (e.TryGetProperty("queryStringParameters", out var q) && q.ValueKind == JsonValueKind.Object)
                query = "?" + string.Join("&", q.EnumerateObject().Select(kv => $"{kv.Name}={Uri.EscapeDataString(kv.Value.GetString() ?? "")}"));
        }
        var url = $"{Text(api)}{stage}{path}{query}";
        var method = route.Method is "GET" or "ANY" ? "" : $"-X {route.Method} ";
        var data = body is null ? "" : $" -H 'Content-Type: application/json' -d '{body}'";
        var cacert = trust is null ? "" : $"--cacert {trust} ";
        return $"curl {cacert}{method}'{url}'{data}";
    }

    private static JsonElement? EventFor(string eventsDirectory, RouteDefinition route)
    {
        foreach (var file in Files(eventsDirectory))
        {
            var root = Parse(file);
            if (root is not { ValueKind: JsonValueKind.Object } e) continue;
            var restMatch = e.TryGetProperty("httpMethod", out var m) && m.GetString() == route.Method
                && e.TryGetProperty("resource", out var r) && r.GetString() == route.Path;
            var httpMatch = e.TryGetProperty("routeKey", out var k) && k.GetString() == route.RouteKey;
            if (restMatch || httpMatch) return e;
        }
        return null;
    }

    /// <summary>The body of a direct-invocation event of this function (events/*-direct*.json), compacted.</summary>
    private static string? DirectPayload(string eventsDirectory, FunctionDefinition function)
    {
        var file = Files(eventsDirectory).FirstOrDefault(f => Path.GetFileName(f).Contains("-direct", StringComparison.Ordinal) && EventFiles.AreFor(f, function.LogicalId));
        return file is not null && Parse(file) is { } payload ? Backend.Lambda.Serialization.JsonBytes.WriteString(payload.WriteTo) : null;
    }

    /// <summary>A path as short as a command line can take it: from the current folder when it is below it.</summary>
    private static string Shown(string path) =>
        Path.GetRelativePath(Environment.CurrentDirectory, path) is var relative && !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative) ? relative : path;

    private static string Text(Uri uri) => uri.ToString().TrimEnd('/');

    private static IEnumerable<string> Files(string directory) =>
        // The plainest example first: calc-post.json before calc-post-invalid-operator.json.
        Directory.Exists(directory) ? Directory.GetFiles(directory, "*.json").OrderBy(f => f.Length).ThenBy(f => f, StringComparer.Ordinal) : [];

    private static JsonElement? Parse(string file)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(file)).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
