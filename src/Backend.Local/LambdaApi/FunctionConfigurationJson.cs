using System.Text.Json;
using Backend.Lambda.Serialization;
using Backend.Local.ControlPlane;
using Backend.Template;

namespace Backend.Local.LambdaApi;

/// <summary>The FunctionConfiguration shape (GetFunctionConfiguration, Create/Update*, PublishVersion, the lists), from a version's state.</summary>
public static class FunctionConfigurationJson
{
    /// <param name="arn">The FunctionArn to report: unqualified, or qualified as the caller named it.</param>
    /// <param name="inList">ListFunctions and ListVersionsByFunction leave out State and LastUpdateStatus, as Lambda does.</param>
    public static void Write(Utf8JsonWriter w, FunctionState function, VersionState v, string arn, LocalValues local, bool inList = false)
    {
        w.WriteStartObject();
        w.WriteString("FunctionName", function.Name);
        w.WriteString("FunctionArn", arn);
        w.WriteString("Runtime", v.Runtime);
        w.WriteString("Role", v.Role);
        w.WriteString("Handler", v.Handler);
        w.WriteNumber("CodeSize", v.CodeSize);
        w.WriteString("Description", v.Description);
        w.WriteNumber("Timeout", v.Timeout);
        w.WriteNumber("MemorySize", v.MemorySize);
        w.WriteString("LastModified", v.LastModified);
        w.WriteString("CodeSha256", v.CodeSha256);
        w.WriteString("Version", v.Version);
        if (v.Environment.Count > 0)
        {
            w.WriteStartObject("Environment");
            w.WriteStartObject("Variables");
            foreach (var (name, value) in v.Environment) w.WriteString(name, value);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteStartObject("TracingConfig");
        w.WriteString("Mode", v.TracingActive ? "Active" : "PassThrough");
        w.WriteEndObject();
        w.WriteString("RevisionId", v.RevisionId);
        if (!inList)
        {
            w.WriteString("State", "Active");
            w.WriteString("LastUpdateStatus", "Successful");
        }
        w.WriteString("PackageType", "Zip");
        w.WriteStartArray("Architectures");
        w.WriteStringValue(v.Architecture);
        w.WriteEndArray();
        w.WriteStartObject("EphemeralStorage");
        w.WriteNumber("Size", 512);
        w.WriteEndObject();
        w.WriteStartObject("LoggingConfig");
        w.WriteString("LogFormat", v.LogFormat ?? "Text");
        if (v.ApplicationLogLevel is { } level) w.WriteString("ApplicationLogLevel", level);
        w.WriteString("LogGroup", $"/aws/lambda/{function.Name}");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static byte[] Configuration(FunctionState function, VersionState version, string arn, LocalValues local) =>
        JsonBytes.Write(w => Write(w, function, version, arn, local));

    public static byte[] Function(FunctionState function, VersionState version, string arn, LocalValues local, string codeLocation) => JsonBytes.Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("Configuration");
        Write(w, function, version, arn, local);
        w.WriteStartObject("Code");
        w.WriteString("RepositoryType", "S3");
        w.WriteString("Location", codeLocation);
        w.WriteEndObject();
        if (function.Tags.Count > 0)
        {
            w.WriteStartObject("Tags");
            foreach (var (key, value) in function.Tags) w.WriteString(key, value);
            w.WriteEndObject();
        }
        if (function.ReservedConcurrency is { } reserved)
        {
            w.WriteStartObject("Concurrency");
            w.WriteNumber("ReservedConcurrentExecutions", reserved);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    });
}
