using System.Security.Cryptography;
using System.Text.Json;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>What the function-lifecycle tests share: unique names, zips on disk for fileb://, the CLI calls they repeat.</summary>
internal static class FunctionLifecycleKit
{
    public const string Role = "arn:aws:iam::123456789012:role/lambda-role";
    public const string CalcPayload = """{"a":1,"b":2,"op":"+"}""";

    /// <summary>A name no other test in the shared fixture uses.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    public static string FunctionArn(string name) => $"arn:aws:lambda:us-east-1:123456789012:function:{name}";

    /// <summary>base64(SHA-256(bytes)): Lambda's CodeSha256.</summary>
    public static string CodeSha256(byte[] zip) => Convert.ToBase64String(SHA256.HashData(zip));

    public static Task<AwsResult> CreateAsync(AwsCli aws, string name, string runtime, string handler, FunctionLifecycleTempFile zip, params string[] more) =>
        aws.RunAsync(["lambda", "create-function", "--function-name", name, "--runtime", runtime, "--handler", handler,
            "--role", Role, "--zip-file", "fileb://" + zip.Path, .. more]);

    /// <summary>Invokes through the CLI, which writes the function's answer to a file; returns the CLI's result and that answer.</summary>
    public static async Task<(AwsResult Cli, string Answer)> InvokeAsync(AwsCli aws, string name, string payload)
    {
        using var answer = new FunctionLifecycleTempFile([]);
        // The CLI v1 sends a --payload string as it is (v2 would want base64).
        var cli = await aws.RunAsync("lambda", "invoke", "--function-name", name, "--payload", payload, answer.Path);
        return (cli, cli.ExitCode == 0 ? await File.ReadAllTextAsync(answer.Path) : "");
    }

    public static void AssertSucceeded(AwsResult result) =>
        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}\nstdout:\n{result.Output}\nstderr:\n{result.Error}");

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

/// <summary>Bytes in a temporary file (for <c>--zip-file fileb://PATH</c>), deleted on dispose.</summary>
internal sealed class FunctionLifecycleTempFile : IDisposable
{
    public FunctionLifecycleTempFile(byte[] content)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lifecycle-" + Guid.NewGuid().ToString("N") + ".zip");
        File.WriteAllBytes(Path, content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
