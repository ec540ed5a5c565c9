using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Xunit.Sdk;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// botocore's Lambda service model (the one the installed CLI and boto3 parse responses with), so a
/// test can check a control-plane answer against the real API's output shapes, not our own idea of them.
/// </summary>
public static class BotocoreModel
{
    private static readonly Lazy<JsonElement> Model = new(Load);

    /// <summary>Every Lambda operation in the model, e.g. "CreateFunction", "PublishVersion".</summary>
    public static IReadOnlyList<string> OperationNames => [.. Operations.EnumerateObject().Select(o => o.Name).Order(StringComparer.Ordinal)];

    internal static JsonElement Operations => Model.Value.GetProperty("operations");

    internal static JsonElement Shapes => Model.Value.GetProperty("shapes");

    /// <summary>Fails (XunitException) naming the JSON path when <paramref name="json"/> does not fit the operation's output shape.</summary>
    public static void AssertOutputShape(string operation, string json)
    {
        using var document = JsonDocument.Parse(json);
        AssertOutputShape(operation, document.RootElement);
    }

    /// <inheritdoc cref="AssertOutputShape(string, string)"/>
    public static void AssertOutputShape(string operation, JsonElement json)
    {
        if (!Operations.TryGetProperty(operation, out var op))
            throw new XunitException($"botocore's Lambda model has no operation '{operation}'");
        if (!op.TryGetProperty("output", out var output))
            throw new XunitException($"{operation} has no output shape: its answer has no body to check");
        var problems = new OutputShapeCheck(Shapes).Check(output.GetProperty("shape").GetString()!, json);
        if (problems.Count > 0)
            throw new XunitException($"{operation}'s answer does not fit botocore's output shape:\n  " + string.Join("\n  ", problems) + "\nJSON: " + json.GetRawText());
    }

    /// <summary>The HTTP method and path template (query part dropped) the SDKs send an operation with.</summary>
    public static (string Method, string Path) RequestOf(string operation)
    {
        var http = Operations.GetProperty(operation).GetProperty("http");
        return (http.GetProperty("method").GetString()!, http.GetProperty("requestUri").GetString()!.Split('?')[0]);
    }

    /// <summary>The model file beside the botocore that python3 imports: the one the CLI and boto3 use.</summary>
    public static string ModelPath => ModelFile.Value;

    private static readonly Lazy<string> ModelFile = new(FindModelFile);

    private static string FindModelFile()
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", "import botocore, os; print(os.path.dirname(botocore.__file__))" }) start.ArgumentList.Add(arg);
        using var python = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var folder = python.StandardOutput.ReadToEnd().Trim();
        var error = python.StandardError.ReadToEnd();
        python.WaitForExit();
        if (python.ExitCode != 0) throw new InvalidOperationException("python3 cannot import botocore (install the AWS CLI v1 or boto3): " + error);
        return Path.Combine(folder, "data", "lambda", "2015-03-31", "service-2.json.gz");
    }

    private static JsonElement Load()
    {
        using var file = File.OpenRead(ModelPath);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        return document.RootElement.Clone();
    }
}
