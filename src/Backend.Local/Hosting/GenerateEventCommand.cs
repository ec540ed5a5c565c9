using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Backend.Local.Gateway;
using Backend.Template;

namespace Backend.Local.Hosting;

/// <summary>What `generate-event apigateway aws-proxy|http-api-proxy` was asked for (SAM CLI's options, same names).</summary>
internal sealed record EventRequest(string Service, string Kind, string Method, string Path, string Body, string? Stage, string? Resource, string AccountId, string DnsSuffix)
{
    public const string RestKind = "aws-proxy";
    public const string HttpKind = "http-api-proxy";

    // SAM CLI's defaults for both kinds (samcli/lib/generated_sample_events/event-mapping.json).
    public const string DefaultMethod = "POST";
    public const string DefaultPath = "path/to/resource";
    public const string DefaultBody = """{"test":"body"}""";
    public const string DefaultAccountId = "123456789012";
    public const string DefaultDnsSuffix = "us-east-1.amazonaws.com";
}

/// <summary>
/// `generate-event apigateway aws-proxy` (payload 1.0) or `apigateway http-api-proxy` (payload 2.0), as SAM CLI's
/// `sam local generate-event` takes them, but built by the emulator's own EventBuilder on the template's route that
/// --method and --path match: the event is the one the local API Gateway would send that function, so it can be
/// piped to `invoke FUNCTION --event -`. The request is the one a client would make on AWS: Host
/// {apiId}.execute-api.{--dns-suffix}, a User-Agent, over HTTPS on 443, a JSON --body as application/json.
/// </summary>
internal static class GenerateEventCommand
{
    /// <summary>Who made the request, in requestContext.identity.userAgent as any client's name is.</summary>
    private const string UserAgent = "Backend.Local-generate-event";

    public static async Task<int> RunAsync(TemplateFile template, EventRequest request, TextWriter output)
    {
        await output.WriteLineAsync(Generate(template.Model, request));
        return 0;
    }

    /// <summary>The event, indented JSON.</summary>
    public static string Generate(SamTemplate template, EventRequest request)
    {
        var kind = KindOf(request);
        var (path, query) = SplitTarget(request.Path);
        var routes = new RouteTable(template.Routes.Where(r => r.Api.Kind == kind).ToList());
        var method = request.Method.ToUpperInvariant();
        var clientPath = ClientPath(path, request.Stage);
        // A path that matches only without --stage is on an API of another stage: said as such below.
        var match = routes.Match(method, clientPath) ?? (request.Stage is null ? null : routes.Match(method, path))
            ?? throw new UsageException($"{method} {path} matches no route of the template's {(kind == ApiKind.Rest ? "REST APIs (AWS::Serverless::Api)" : "HTTP APIs (AWS::Serverless::HttpApi)")}: {RouteList(routes)}");
        if (request.Stage is { } stage && match.Stage != stage)
            throw new UsageException($"{method} {path} is served by {match.Route.Api.LogicalId}, whose stage is {match.Stage}, not {stage}");
        if (request.Resource is { } resource && match.Route.Path != resource)
            throw new UsageException($"{method} {path} is served by the resource {match.Route.Path}, not {resource}");

        var host = $"{match.Route.Api.ApiId}.execute-api.{request.DnsSuffix}";
        List<KeyValuePair<string, string>> headers = [new("Host", host), new("User-Agent", UserAgent)];
        var body = Encoding.UTF8.GetBytes(request.Body);
        if (body.Length > 0) headers.Add(new("Content-Type", IsJson(request.Body) ? "application/json" : "text/plain"));
        var gatewayRequest = new GatewayRequest(method, clientPath, query, headers, body, "127.0.0.1")
        {
            RequestId = Guid.NewGuid().ToString(),
            Scheme = "https",
            Port = 443,
        };
        var payload = EventBuilder.Build(gatewayRequest, match, template.Local with { AccountId = request.AccountId });
        return Indented(payload);
    }

    private static ApiKind KindOf(EventRequest request) => (request.Service, request.Kind) switch
    {
        ("apigateway", EventRequest.RestKind) => ApiKind.Rest,
        ("apigateway", EventRequest.HttpKind) => ApiKind.Http,
        _ => throw new UsageException($"generate-event makes apigateway {EventRequest.RestKind} and apigateway {EventRequest.HttpKind} events, not {request.Service} {request.Kind}"),
    };

    /// <summary>SAM's --path is written without the leading slash (path/to/resource); either form is taken, with an optional ?query.</summary>
    private static (string Path, string Query) SplitTarget(string target)
    {
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var (path, query) = question < 0 ? (target, "") : (target[..question], target[(question + 1)..]);
        return ("/" + path.TrimStart('/'), query);
    }

    /// <summary>
    /// The path a client sends for --stage: the stage leads it (a REST API takes its paths with or without it; an HTTP
    /// API's named stage needs it), except $default, which has no prefix. Without --stage the path is taken as given.
    /// </summary>
    private static string ClientPath(string path, string? stage)
    {
        if (stage is null or "$default") return path;
        return path == $"/{stage}" || path.StartsWith($"/{stage}/", StringComparison.Ordinal) ? path : $"/{stage}{path}";
    }

    private static string RouteList(RouteTable routes) =>
        routes.Routes.Count == 0 ? "it has none" : string.Join(", ", routes.Routes.Select(r => r.RouteKey).Distinct());

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Re-written indented, without escaping what JSON does not require escaped ("+" stays "+").</summary>
    private static string Indented(byte[] payload)
    {
        using var document = JsonDocument.Parse(payload);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            document.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
