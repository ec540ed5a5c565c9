using System.Globalization;
using System.Text;
using System.Text.Json;
using Backend.Template;

namespace Backend.Local.Gateway.AccessLogs;

/// <summary>
/// Renders a request's access log line from its API's format: each variable's value written raw into the text, as
/// API Gateway writes it (a JSON format's quotes are the format's; a value is not escaped), and "-" for a value
/// that is absent: no route matched, no integration ran, no authorizer, IAM caller or API key exists locally.
/// That "-" is what API Gateway writes for every unavailable field (a REST access log captured in
/// DataBiosphere/azul#4073: "identity_caller": "-", "error_message": "-", "authorizer_error": "-").
/// </summary>
public static class AccessLogLine
{
    public const string Absent = "-";

    public static string Render(AccessLogFormat format, AccessLogEntry entry)
    {
        var line = new StringBuilder(format.Text.Length + 96);
        foreach (var part in format.Parts)
        {
            if (!part.IsVariable) line.Append(part.Text);
            else line.Append(Value(part.Text, entry) ?? Absent);
        }
        return line.ToString();
    }

    /// <summary>A variable's value for the request, or null when API Gateway would have none to write.</summary>
    public static string? Value(string name, AccessLogEntry e)
    {
        var trace = e.Trace;
        var rest = e.Api.Kind == ApiKind.Rest;
        return name switch
        {
            "requestId" => e.RequestId,
            // An HTTP API has no second id: "$context.extendedRequestId: Equivalent to $context.requestId" (Customize HTTP API access logs).
            "extendedRequestId" => rest ? e.ExtendedRequestId : e.RequestId,
            "apiId" => e.Api.ApiId,
            "accountId" => e.AccountId,
            "stage" => e.Api.StageName,
            "domainName" => e.Host,
            "domainPrefix" => e.Host?.Split('.', ':')[0],
            "httpMethod" => e.Method,
            "path" => e.RawPath,
            "protocol" => e.Protocol,
            "identity.sourceIp" => e.SourceIp,
            "identity.userAgent" => e.UserAgent,
            "requestTime" => e.ReceivedAt.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
            "requestTimeEpoch" => e.ReceivedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            "resourcePath" => rest ? trace.Match?.Route.Path : null,
            "routeKey" => rest ? null : trace.Match?.Route.RouteKey,
            "status" => e.Status.ToString(CultureInfo.InvariantCulture),
            "responseLength" => e.ResponseLength.ToString(CultureInfo.InvariantCulture),
            "responseLatency" => e.ResponseLatencyMs.ToString(CultureInfo.InvariantCulture),
            "integrationLatency" or "integration.latency" => trace.Integrated ? trace.IntegrationLatencyMs.ToString(CultureInfo.InvariantCulture) : null,
            "integrationStatus" or "integration.integrationStatus" => trace.LambdaStatus?.ToString(CultureInfo.InvariantCulture),
            "integration.status" => trace.FunctionStatus?.ToString(CultureInfo.InvariantCulture),
            "integration.error" or "integrationErrorMessage" => trace.IntegrationError,
            "integration.requestId" or "awsEndpointRequestId" => trace.IntegrationRequestId,
            "error.message" => GatewayMessage(e),
            "error.messageString" => GatewayMessage(e) is { } message ? $"\"{message}\"" : null,
            _ => null,
        };
    }

    /// <summary>The message of the gateway's own answer (<c>{"message": …}</c>); null when the function answered.</summary>
    private static string? GatewayMessage(AccessLogEntry e)
    {
        if (e.Trace.AnsweredByFunction || e.Status < 400 || e.ResponseBody.Length == 0) return null;
        try
        {
            var reader = new Utf8JsonReader(e.ResponseBody);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMessage = reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("Message"u8);
                if (!reader.Read()) return null;
                if (isMessage && reader.TokenType == JsonTokenType.String) return reader.GetString();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
