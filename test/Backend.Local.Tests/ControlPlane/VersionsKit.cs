using System.Net;
using System.Text.Json;
using Xunit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// Steps the Versions, Aliases, Permissions and Concurrency tests share: a uniquely named provided.al2023 function
/// running <see cref="TestZips.ShellEchoBootstrap"/> (its marker tells which code answered), raw reads of the Lambda
/// API (so a body is checked as sent, before any client reshapes it), and a boto3 prelude for many calls in one process.
/// </summary>
internal static class VersionsKit
{
    public const string Role = "arn:aws:iam::123456789012:role/lambda-role";
    public const string ArnPrefix = "arn:aws:lambda:us-east-1:123456789012:function:";

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>Creates the function with the echo bootstrap answering <paramref name="marker"/>; returns the CLI's answer.</summary>
    public static async Task<JsonElement> CreateAsync(ControlPlaneServerFixture fixture, string name, string marker) =>
        await WithZipAsync(TestZips.ShellEchoBootstrap(marker), zip => fixture.Aws.RunAsync("lambda", "create-function", "--function-name", name,
            "--runtime", "provided.al2023", "--handler", "bootstrap", "--role", Role, "--zip-file", zip));

    /// <summary>Replaces $LATEST's code with the echo bootstrap answering <paramref name="marker"/>.</summary>
    public static async Task<JsonElement> UpdateCodeAsync(ControlPlaneServerFixture fixture, string name, string marker) =>
        await WithZipAsync(TestZips.ShellEchoBootstrap(marker), zip => fixture.Aws.RunAsync("lambda", "update-function-code", "--function-name", name, "--zip-file", zip));

    public static async Task<JsonElement> WithZipAsync(byte[] bytes, Func<string, Task<AwsResult>> run)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cp-test-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var result = await run("fileb://" + path);
            Assert.True(result.ExitCode == 0, result.Error);
            return result.Json;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs <c>aws lambda …</c> and asserts it succeeded; the CLI's JSON (an empty object when it printed nothing).</summary>
    public static async Task<JsonElement> AwsOkAsync(ControlPlaneServerFixture fixture, params string[] args)
    {
        var result = await fixture.Aws.RunAsync(["lambda", .. args]);
        Assert.True(result.ExitCode == 0, $"aws lambda {string.Join(' ', args)} failed: {result.Error}");
        return string.IsNullOrWhiteSpace(result.Output) ? JsonDocument.Parse("{}").RootElement.Clone() : result.Json;
    }

    /// <summary>Runs <c>aws lambda …</c> expecting Lambda's <paramref name="code"/> error; the CLI's stderr.</summary>
    public static async Task<string> AwsFailsAsync(ControlPlaneServerFixture fixture, string code, params string[] args)
    {
        var result = await fixture.Aws.RunAsync(["lambda", .. args]);
        Assert.True(result.ExitCode != 0, $"aws lambda {string.Join(' ', args)} should have failed with {code}: {result.Output}");
        Assert.Contains($"({code})", result.Error);
        return result.Error;
    }

    /// <summary>
    /// Invokes through the CLI: its printed answer (StatusCode, ExecutedVersion from X-Amz-Executed-Version) and the
    /// function's payload.
    /// </summary>
    public static async Task<(JsonElement Cli, JsonElement Payload)> InvokeAsync(ControlPlaneServerFixture fixture, string functionName, string? qualifier = null)
    {
        var outFile = Path.Combine(Path.GetTempPath(), $"cp-test-{Guid.NewGuid():N}.json");
        try
        {
            string[] args = ["lambda", "invoke", "--function-name", functionName, .. qualifier is null ? Array.Empty<string>() : ["--qualifier", qualifier], outFile];
            var result = await fixture.Aws.RunAsync(args);
            Assert.True(result.ExitCode == 0, result.Error);
            using var payload = JsonDocument.Parse(await File.ReadAllTextAsync(outFile));
            return (result.Json, payload.RootElement.Clone());
        }
        finally
        {
            File.Delete(outFile);
        }
    }

    /// <summary>GET on the Lambda API, asserting <paramref name="status"/>; the body as sent.</summary>
    public static async Task<JsonElement> GetRawAsync(ControlPlaneServerFixture fixture, string path, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var response = await fixture.Lambda.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"GET {path}: {(int)response.StatusCode} {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Python for boto3 scripts: <c>zip_of(b64)</c>, and <c>call(op, **kw)</c> giving {"status", "body"} or
    /// {"status", "error", "message", "body"} (the error's other body members, e.g. Type, Reason) instead of raising;
    /// a streamed Payload is read and parsed.
    /// </summary>
    public const string Prelude = """
        import base64
        from botocore.exceptions import ClientError

        def zip_of(text):
            return base64.b64decode(text)

        def call(op, **kw):
            try:
                r = getattr(client, op)(**kw)
            except ClientError as e:
                return {"status": e.response["ResponseMetadata"]["HTTPStatusCode"], "error": e.response["Error"]["Code"],
                        "message": e.response["Error"].get("Message", ""),
                        "body": {k: v for k, v in e.response.items() if k not in ("Error", "ResponseMetadata")}}
            body = {k: v for k, v in r.items() if k != "ResponseMetadata"}
            for k, v in list(body.items()):
                if hasattr(v, "read"):
                    raw = v.read()
                    body[k] = json.loads(raw) if raw else None
            return {"status": r["ResponseMetadata"]["HTTPStatusCode"], "body": body}

        def ok(r):
            assert "error" not in r, r
            return r

        """;

    /// <summary>
    /// Python that creates <paramref name="name"/> answering <paramref name="markers"/>[0] and publishes it as version 1
    /// (Timeout 30 s, not the default 3: a cold start on a loaded CI machine once took longer, and these tests are about versions),
    /// then for each further marker updates $LATEST's code and publishes the next version (all asserted to succeed).
    /// </summary>
    public static string PythonVersions(string name, params string[] markers)
    {
        var lines = new List<string>
        {
            $"ok(call(\"create_function\", FunctionName=\"{name}\", Runtime=\"provided.al2023\", Handler=\"bootstrap\", Role=\"{Role}\", Timeout=30, Code={{\"ZipFile\": {PythonZip(markers[0])}}}))",
            $"ok(call(\"publish_version\", FunctionName=\"{name}\"))",
        };
        foreach (var marker in markers.Skip(1))
        {
            lines.Add($"ok(call(\"update_function_code\", FunctionName=\"{name}\", ZipFile={PythonZip(marker)}))");
            lines.Add($"ok(call(\"publish_version\", FunctionName=\"{name}\"))");
        }
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>A Python expression for the echo bootstrap package answering <paramref name="marker"/>.</summary>
    public static string PythonZip(string marker) => $"zip_of(\"{Convert.ToBase64String(TestZips.ShellEchoBootstrap(marker))}\")";

    /// <summary>Runs <see cref="Prelude"/> + <paramref name="body"/> with boto3, asserting it exited 0; what it printed, as JSON.</summary>
    public static async Task<JsonElement> PythonAsync(ControlPlaneServerFixture fixture, string body)
    {
        var result = await fixture.Boto3.RunAsync(Prelude + body);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Json;
    }
}
