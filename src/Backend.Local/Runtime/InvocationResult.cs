using System.Text;
using System.Text.Json;

namespace Backend.Local.Runtime;

/// <summary>
/// How an invocation ended. <see cref="ErrorType"/> is null on success; otherwise <see cref="Payload"/>
/// is the error JSON (<c>{"errorMessage", "errorType", …}</c>) that Lambda returns with X-Amz-Function-Error.
/// </summary>
public sealed record InvocationResult(byte[] Payload, string? ErrorType)
{
    public bool IsError => ErrorType is not null;

    /// <summary>The invocation ran past its timeout (Lambda's Sandbox.Timedout).</summary>
    public bool TimedOut => ErrorType == "Sandbox.Timedout";

    public static InvocationResult Success(byte[] payload) => new(payload, null);

    /// <summary>An error the runtime reported, as it reported it.</summary>
    public static InvocationResult FunctionError(string errorType, byte[] body) => new(body, errorType);

    /// <summary>An error the platform raises (timeout, crash), in Lambda's shape.</summary>
    public static InvocationResult PlatformError(string errorType, string errorMessage)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("errorType", errorType);
            writer.WriteString("errorMessage", errorMessage);
            writer.WriteEndObject();
        }
        return new InvocationResult(buffer.ToArray(), errorType);
    }

    public static InvocationResult Timeout(string requestId, int seconds) =>
        PlatformError("Sandbox.Timedout", $"RequestId: {requestId} Error: Task timed out after {seconds}.00 seconds");

    public static InvocationResult Exited(string requestId, int exitCode) =>
        PlatformError("Runtime.ExitError", $"RequestId: {requestId} Error: Runtime exited with error: exit status {exitCode}");

    public override string ToString() => $"{ErrorType ?? "OK"}: {Encoding.UTF8.GetString(Payload)}";
}
