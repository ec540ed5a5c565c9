using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// What every bad-input test checks: the error as AWS answers it, that nothing was written (no function, no new
/// package or temp folder in the code store), and that the server still serves (ListFunctions, CalcFunction).
/// </summary>
public sealed class ControlPlaneBadInputChecks(ControlPlaneServerFixture fixture)
{
    public const string Role = "arn:aws:iam::123456789012:role/lambda-role";
    public const string FunctionsPath = "/2015-03-31/functions";

    public string CodeFolder => Path.Combine(fixture.Server.LambdaDirectory, "code");

    /// <summary>A name no other test uses (64 characters at most, as Lambda allows).</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    /// <summary>A CreateFunction body that would succeed: tests spoil one member.</summary>
    public static JsonObject CreateRequest(string name, byte[] zip, string runtime = "provided.al2023", string handler = "bootstrap") => new()
    {
        ["FunctionName"] = name,
        ["Runtime"] = runtime,
        ["Role"] = Role,
        ["Handler"] = handler,
        ["Code"] = new JsonObject { ["ZipFile"] = Convert.ToBase64String(zip) },
    };

    /// <summary>Every entry of the code store (packages, zips, temp folders), to compare before and after a refused call.</summary>
    public IReadOnlySet<string> CodeEntries() =>
        Directory.Exists(CodeFolder) ? Directory.EnumerateFileSystemEntries(CodeFolder).Select(Path.GetFileName).OfType<string>().ToHashSet() : new HashSet<string>();

    public Task<HttpResponseMessage> PostCreateAsync(string body) =>
        fixture.Lambda.PostAsync(FunctionsPath, new StringContent(body, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PostCreateAsync(JsonObject body) => PostCreateAsync(body.ToJsonString());

    /// <summary>
    /// The status, x-amzn-ErrorType and message, and the body's keys as AWS spells them for that error type:
    /// Type + message for InvalidParameterValueException, message alone for ValidationException and 413,
    /// Type + Message for InvalidRequestContentException.
    /// </summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorType, string? message = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal(errorType, Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
        using var body = JsonDocument.Parse(text);
        var root = body.RootElement;
        var (hasType, key) = errorType switch
        {
            "InvalidParameterValueException" => (true, "message"),
            "ValidationException" or "RequestEntityTooLargeException" => (false, "message"),
            _ => (true, "Message"),
        };
        Assert.Equal(hasType, root.TryGetProperty("Type", out _));
        var actual = root.GetProperty(key).GetString()!;
        if (message is not null) Assert.Equal(message, actual);
        return actual;
    }

    /// <summary>The function does not exist, its state file was not written, and the code store holds what it held before.</summary>
    public async Task AssertNothingWrittenAsync(string name, IReadOnlySet<string> codeBefore)
    {
        // A name Lambda refuses cannot be asked for (GetFunction refuses it too): then only the list can say it is not there.
        if (System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-zA-Z0-9_-]{1,64}$"))
        {
            var response = await fixture.Lambda.GetAsync($"{FunctionsPath}/{Uri.EscapeDataString(name)}");
            Assert.True(HttpStatusCode.NotFound == response.StatusCode, await response.Content.ReadAsStringAsync());
            Assert.Equal("ResourceNotFoundException", Assert.Single(response.Headers.GetValues("x-amzn-ErrorType")));
        }
        Assert.Null(fixture.Server.Catalog.Find(name));
        var functions = Path.Combine(fixture.Server.LambdaDirectory, "functions");
        if (Directory.Exists(functions))
            Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(functions, "*", SearchOption.AllDirectories), path => path.Contains(name, StringComparison.Ordinal));
        Assert.Equal(codeBefore.Order(), CodeEntries().Order());
    }

    /// <summary>ListFunctions answers and the template's CalcFunction still computes.</summary>
    public async Task AssertServerStillServesAsync()
    {
        var list = await fixture.Lambda.GetAsync(FunctionsPath);
        var listText = await list.Content.ReadAsStringAsync();
        Assert.True(HttpStatusCode.OK == list.StatusCode, listText);
        using (var functions = JsonDocument.Parse(listText))
            BotocoreModel.AssertOutputShape("ListFunctions", functions.RootElement);

        var invoke = await fixture.Lambda.PostAsync($"{FunctionsPath}/CalcFunction/invocations", new StringContent("""{"a":1,"b":2,"op":"+"}"""));
        var result = await invoke.Content.ReadAsStringAsync();
        Assert.True(HttpStatusCode.OK == invoke.StatusCode, result);
        Assert.False(invoke.Headers.Contains("X-Amz-Function-Error"), result);
        Assert.Equal("""{"a":1,"b":2,"op":"+","c":3}""", result);
    }

    /// <summary>A refused CreateFunction, start to end: the error, nothing written, the server still serving.</summary>
    public async Task<string> AssertCreateRefusedAsync(string name, string body, HttpStatusCode status, string errorType, string? message = null)
    {
        var before = CodeEntries();
        using var response = await PostCreateAsync(body);
        var actual = await AssertErrorAsync(response, status, errorType, message);
        await AssertNothingWrittenAsync(name, before);
        await AssertServerStillServesAsync();
        return actual;
    }
}
