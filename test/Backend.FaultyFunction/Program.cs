using System.Text;
using System.Text.Json;
using Backend.Lambda.APIGatewayEvents;
using Backend.Lambda.Core;
using Backend.Lambda.RuntimeSupport;

// Commands arrive as the direct event, or as the JSON body of an API Gateway event:
//   {"sleep": ms}  {"crash": exitCode}  {"throw": "message"}  {"big": bytes}  {"raw": <any JSON to return as is>}
//   {"env": "NAME"} (the variable's value)
// As a Lambda authorizer, its command is its identity: a TOKEN event's authorizationToken, or a REQUEST event's
// X-Command header; there {"allow": "principal"} answers a policy allowing everything, whose context carries the
// authorizer's event (as text) and its invocation's request id, so tests read both through the integration.
// Anything else is echoed: a direct event comes back as it is; an API event comes back as the body
// of a 200 proxy response, so tests can read the event the emulator built.
// Init misbehaves on request too, through the environment: FAIL_INIT=1 throws, INIT_SLEEP_MS=n sleeps that long first.
using var bootstrap = LambdaBootstrapBuilder.Create(HandleAsync)
    .UseBootstrapHandler(async () =>
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("INIT_SLEEP_MS"), out var sleep)) await Task.Delay(sleep);
        if (Environment.GetEnvironmentVariable("FAIL_INIT") == "1") throw new InvalidOperationException("init failed on purpose");
        return true;
    })
    .Build();
return await bootstrap.RunAsync();

static async Task<Stream> HandleAsync(Stream input, ILambdaContext context)
{
    using var document = await JsonDocument.ParseAsync(input);
    var root = document.RootElement;
    var isApiEvent = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("requestContext", out _);
    var command = root;
    JsonDocument? body = null;
    if (AuthorizerCommand(root) is { } text)
    {
        try { body = JsonDocument.Parse(text); command = body.RootElement; } catch (JsonException) { }
    }
    else if (isApiEvent && root.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.String)
    {
        try { body = JsonDocument.Parse(b.GetString()!); command = body.RootElement; } catch (JsonException) { }
    }
    using (body)
    {
        context.Logger.LogInformation($"handling {context.AwsRequestId}");
        if (command.ValueKind == JsonValueKind.Object)
        {
            if (command.TryGetProperty("sleep", out var sleep)) await Task.Delay(sleep.GetInt32());
            if (command.TryGetProperty("crash", out var crash)) Environment.Exit(crash.GetInt32());
            if (command.TryGetProperty("throw", out var message)) throw new InvalidOperationException(message.GetString());
            if (command.TryGetProperty("big", out var size)) return Text(JsonSerializer.Serialize(new string('x', size.GetInt32()), FaultyJson.Default.String));
            if (command.TryGetProperty("raw", out var raw)) return Text(raw.GetRawText());
            if (command.TryGetProperty("allow", out var principal)) return Text(AllowPolicy(principal.GetString()!, root.GetRawText(), context.AwsRequestId));
            if (command.TryGetProperty("env", out var name))
                return Text(JsonSerializer.Serialize(Environment.GetEnvironmentVariable(name.GetString()!) ?? "", FaultyJson.Default.String));
        }
        if (!isApiEvent) return Text(root.GetRawText());
        var response = new APIGatewayProxyResponse
        {
            StatusCode = 200,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            MultiValueHeaders = new Dictionary<string, IList<string>> { ["X-Multi"] = ["one", "two"] },
            Body = root.GetRawText(),
        };
        return Text(JsonSerializer.Serialize(response, ApiGatewayJsonContext.Default.APIGatewayProxyResponse));
    }
}

static Stream Text(string json) => new MemoryStream(Encoding.UTF8.GetBytes(json));

static string? AuthorizerCommand(JsonElement root)
{
    if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.GetString() is not ("TOKEN" or "REQUEST")) return null;
    if (type.GetString() == "TOKEN") return root.GetProperty("authorizationToken").GetString();
    if (!root.TryGetProperty("headers", out var headers) || headers.ValueKind != JsonValueKind.Object) return null;
    return headers.EnumerateObject().FirstOrDefault(h => h.NameEquals("x-command") || h.NameEquals("X-Command")).Value is { ValueKind: JsonValueKind.String } value
        ? value.GetString()
        : null;
}

static string AllowPolicy(string principal, string authorizerEvent, string requestId) => Backend.Lambda.Serialization.JsonBytes.WriteString(w =>
{
    w.WriteStartObject();
    w.WriteString("principalId", principal);
    w.WriteStartObject("policyDocument");
    w.WriteString("Version", "2012-10-17");
    w.WriteStartArray("Statement");
    w.WriteStartObject();
    w.WriteString("Action", "execute-api:Invoke");
    w.WriteString("Effect", "Allow");
    w.WriteString("Resource", "*");
    w.WriteEndObject();
    w.WriteEndArray();
    w.WriteEndObject();
    w.WriteStartObject("context");
    w.WriteString("event", authorizerEvent);
    w.WriteString("invocation", requestId);
    w.WriteNumber("number", 7);
    w.WriteBoolean("flag", true);
    w.WriteEndObject();
    w.WriteEndObject();
});

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class FaultyJson : System.Text.Json.Serialization.JsonSerializerContext;
