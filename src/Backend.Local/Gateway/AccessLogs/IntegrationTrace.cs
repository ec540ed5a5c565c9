using System.Text.Json;
using Backend.Local.Runtime;
using Backend.Template;

namespace Backend.Local.Gateway.AccessLogs;

/// <summary>What an invocation's outcome tells the access log: Lambda's status, the function's, the error's words.</summary>
public static class IntegrationTrace
{
    public static void Note(GatewayTrace trace, ApiKind kind, InvocationResult result)
    {
        // Lambda's Invoke answers 200 for a function error too (the error is in its payload); 429 when it throttles.
        trace.LambdaStatus = result is InvocationResult.Throttled ? 429 : 200;
        // An HTTP API words a function's error so in integrationErrorMessage (as captured in AWS's own observability
        // workshop and in Dynatrace's API Gateway guide: "The Lambda function returned the following error: RequestId:
        // … Error: Task timed out after 5.00 seconds. Check your Lambda function code and try again."). What a REST
        // API writes there for a function error is not documented: it stays absent.
        if (kind == ApiKind.Http && result.IsError && result is not InvocationResult.Throttled)
            trace.IntegrationError = $"The Lambda function returned the following error: {ErrorMessage(result.Payload)}. Check your Lambda function code and try again.";
    }

    /// <summary>The function's own answer reached the client: its status is the integration's.</summary>
    public static GatewayAnswer Answered(GatewayTrace trace, GatewayAnswer answer)
    {
        trace.AnsweredByFunction = true;
        trace.FunctionStatus = answer.Reply.StatusCode;
        return answer;
    }

    private static string ErrorMessage(byte[] payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isMessage = reader.ValueTextEquals("errorMessage"u8);
                    if (!reader.Read()) break;
                    if (isMessage && reader.TokenType == JsonTokenType.String) return reader.GetString() ?? "";
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
        }
        return "";
    }
}
