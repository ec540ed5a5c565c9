using System.Text.Json;
using Backend.Lambda.Serialization;
using Backend.Local.Runtime;
using Backend.Template;

namespace Backend.Local.LambdaApi;

/// <summary>GetFunctionConfiguration's answer, from the template's definition of the function.</summary>
public static class FunctionConfigurationJson
{
    private static readonly string LastModified = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff+0000", System.Globalization.CultureInfo.InvariantCulture);

    public static void Write(Utf8JsonWriter w, FunctionDefinition f, string arn, LocalValues local)
    {
        w.WriteStartObject();
        w.WriteString("FunctionName", f.FunctionName);
        w.WriteString("FunctionArn", arn);
        w.WriteString("Runtime", f.Runtime);
        w.WriteString("Role", $"arn:aws:iam::{local.AccountId}:role/{f.LogicalId}Role");
        w.WriteString("Handler", f.Handler);
        w.WriteNumber("CodeSize", 0);
        w.WriteString("Description", f.Description);
        w.WriteNumber("Timeout", f.Timeout);
        w.WriteNumber("MemorySize", f.MemorySize);
        w.WriteString("LastModified", LastModified);
        w.WriteString("CodeSha256", "");
        w.WriteString("Version", "$LATEST");
        w.WriteStartObject("Environment");
        w.WriteStartObject("Variables");
        foreach (var (name, value) in f.Environment) w.WriteString(name, value);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("TracingConfig");
        w.WriteString("Mode", f.TracingActive ? "Active" : "PassThrough");
        w.WriteEndObject();
        w.WriteString("State", "Active");
        w.WriteString("LastUpdateStatus", "Successful");
        w.WriteString("PackageType", "Zip");
        w.WriteStartArray("Architectures");
        w.WriteStringValue(f.Architecture);
        w.WriteEndArray();
        w.WriteStartObject("EphemeralStorage");
        w.WriteNumber("Size", 512);
        w.WriteEndObject();
        w.WriteStartObject("LoggingConfig");
        w.WriteString("LogFormat", f.LogFormat ?? "Text");
        if (f.ApplicationLogLevel is { } level) w.WriteString("ApplicationLogLevel", level);
        w.WriteString("LogGroup", $"/aws/lambda/{f.FunctionName}");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static byte[] Configuration(FunctionPool pool, FunctionHost host) =>
        JsonBytes.Write(w => Write(w, pool.Function, host.FunctionArn(pool.Function), host.Local));

    public static byte[] Function(FunctionPool pool, FunctionHost host, string codeLocation) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("Configuration");
        Write(w, pool.Function, host.FunctionArn(pool.Function), host.Local);
        w.WriteStartObject("Code");
        w.WriteString("RepositoryType", "S3");
        w.WriteString("Location", codeLocation);
        w.WriteEndObject();
        if (pool.Function.ReservedConcurrentExecutions is { } reserved)
        {
            w.WriteStartObject("Concurrency");
            w.WriteNumber("ReservedConcurrentExecutions", reserved);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    });

    public static byte[] List(FunctionHost host) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("Functions");
        foreach (var pool in host.Pools) Write(w, pool.Function, host.FunctionArn(pool.Function), host.Local);
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
