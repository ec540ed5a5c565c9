using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using static Backend.Local.Tests.ControlPlane.FunctionLifecycleKit;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>Create, run, update, read and delete a function through the AWS CLI v1, as a user would.</summary>
[Collection("control plane server")]
public class FunctionLifecycleTests(ControlPlaneServerFixture fixture)
{
    /// <summary>A bootstrap answering with what its process was given: GREETING, _HANDLER and the memory size.</summary>
    private static readonly string EnvironmentEchoScript = TestZips.RuntimeLoopScript("""
        RESPONSE=$(printf '{"greeting":"%s","handler":"%s","memory":"%s"}' "${GREETING:-unset}" "$_HANDLER" "$AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        """);

    private readonly AwsCli _aws = fixture.Aws;

    [Fact]
    public async Task A_dotnet10_zip_created_with_the_cli_is_active_and_computes()
    {
        var name = UniqueName("lc-calc");
        var zip = TestZips.DotnetCalc();
        using var file = new FunctionLifecycleTempFile(zip);

        var created = await CreateAsync(_aws, name, "dotnet10", "Backend.Calc", file);
        AssertSucceeded(created);
        BotocoreModel.AssertOutputShape("CreateFunction", created.Json);
        Assert.Equal("Active", created.Json.GetProperty("State").GetString());
        Assert.Equal(FunctionArn(name), created.Json.GetProperty("FunctionArn").GetString());
        // Lambda's CodeSha256 is the base64 SHA-256 of the zip as uploaded, CodeSize its length.
        Assert.Equal(CodeSha256(zip), created.Json.GetProperty("CodeSha256").GetString());
        Assert.Equal(zip.Length, created.Json.GetProperty("CodeSize").GetInt64());

        var wait = await _aws.RunAsync("lambda", "wait", "function-active-v2", "--function-name", name);
        AssertSucceeded(wait);

        var (invoked, answer) = await InvokeAsync(_aws, name, CalcPayload);
        AssertSucceeded(invoked);
        Assert.Equal(200, invoked.Json.GetProperty("StatusCode").GetInt32());
        Assert.False(invoked.Json.TryGetProperty("FunctionError", out _), answer);
        Assert.Equal(3, Parse(answer).GetProperty("c").GetInt32());
    }

    [Fact]
    public async Task A_provided_al2023_bootstrap_answers_with_its_marker_and_the_event()
    {
        var name = UniqueName("lc-echo");
        using var file = new FunctionLifecycleTempFile(TestZips.ShellEchoBootstrap("v1"));
        AssertSucceeded(await CreateAsync(_aws, name, "provided.al2023", "function.handler", file));

        var (invoked, answer) = await InvokeAsync(_aws, name, """{"hello":"world"}""");

        AssertSucceeded(invoked);
        var json = Parse(answer);
        Assert.Equal("v1", json.GetProperty("marker").GetString());
        Assert.Equal("world", json.GetProperty("event").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task Updated_code_runs_on_the_next_invoke_with_a_new_sha_and_revision()
    {
        var name = UniqueName("lc-update");
        using var v1 = new FunctionLifecycleTempFile(TestZips.ShellEchoBootstrap("v1"));
        var v2Zip = TestZips.ShellEchoBootstrap("v2");
        using var v2 = new FunctionLifecycleTempFile(v2Zip);
        var created = await CreateAsync(_aws, name, "provided.al2023", "function.handler", v1);
        AssertSucceeded(created);
        // An instance of v1 is running (and idle) when the code changes: it must not answer for v2.
        Assert.Equal("v1", Parse((await InvokeAsync(_aws, name, "{}")).Answer).GetProperty("marker").GetString());

        var updated = await _aws.RunAsync("lambda", "update-function-code", "--function-name", name, "--zip-file", "fileb://" + v2.Path);
        AssertSucceeded(updated);
        BotocoreModel.AssertOutputShape("UpdateFunctionCode", updated.Json);
        AssertSucceeded(await _aws.RunAsync("lambda", "wait", "function-updated-v2", "--function-name", name));
        var (invoked, answer) = await InvokeAsync(_aws, name, "{}");

        AssertSucceeded(invoked);
        Assert.Equal("v2", Parse(answer).GetProperty("marker").GetString());
        Assert.Equal(CodeSha256(v2Zip), updated.Json.GetProperty("CodeSha256").GetString());
        Assert.NotEqual(created.Json.GetProperty("CodeSha256").GetString(), updated.Json.GetProperty("CodeSha256").GetString());
        Assert.NotEqual(created.Json.GetProperty("RevisionId").GetString(), updated.Json.GetProperty("RevisionId").GetString());
    }

    [Fact]
    public async Task Updated_configuration_is_reported_and_reaches_the_function_process()
    {
        var name = UniqueName("lc-config");
        using var file = new FunctionLifecycleTempFile(TestZips.ProvidedBootstrap(EnvironmentEchoScript));
        AssertSucceeded(await CreateAsync(_aws, name, "provided.al2023", "first.handler", file));
        var before = Parse((await InvokeAsync(_aws, name, "{}")).Answer);
        Assert.Equal("unset", before.GetProperty("greeting").GetString());

        var updated = await _aws.RunAsync("lambda", "update-function-configuration", "--function-name", name,
            "--environment", "Variables={GREETING=hello-env}", "--memory-size", "256", "--timeout", "30",
            "--description", "second take", "--handler", "second.handler");
        AssertSucceeded(updated);
        BotocoreModel.AssertOutputShape("UpdateFunctionConfiguration", updated.Json);
        var read = await _aws.RunAsync("lambda", "get-function-configuration", "--function-name", name);
        AssertSucceeded(read);
        BotocoreModel.AssertOutputShape("GetFunctionConfiguration", read.Json);
        var (invoked, answer) = await InvokeAsync(_aws, name, "{}");

        var configuration = read.Json;
        Assert.Equal("hello-env", configuration.GetProperty("Environment").GetProperty("Variables").GetProperty("GREETING").GetString());
        Assert.Equal(256, configuration.GetProperty("MemorySize").GetInt32());
        Assert.Equal(30, configuration.GetProperty("Timeout").GetInt32());
        Assert.Equal("second take", configuration.GetProperty("Description").GetString());
        Assert.Equal("second.handler", configuration.GetProperty("Handler").GetString());
        AssertSucceeded(invoked);
        var after = Parse(answer);
        Assert.Equal("hello-env", after.GetProperty("greeting").GetString());
        Assert.Equal("second.handler", after.GetProperty("handler").GetString());
        Assert.Equal("256", after.GetProperty("memory").GetString());
    }

    [Fact]
    public async Task Get_function_gives_a_code_location_serving_the_uploaded_zip()
    {
        var name = UniqueName("lc-code");
        var zip = TestZips.ShellEchoBootstrap("download");
        using var file = new FunctionLifecycleTempFile(zip);
        AssertSucceeded(await CreateAsync(_aws, name, "provided.al2023", "function.handler", file));

        var got = await _aws.RunAsync("lambda", "get-function", "--function-name", name);

        AssertSucceeded(got);
        BotocoreModel.AssertOutputShape("GetFunction", got.Json);
        Assert.Equal(FunctionArn(name), got.Json.GetProperty("Configuration").GetProperty("FunctionArn").GetString());
        Assert.Equal("S3", got.Json.GetProperty("Code").GetProperty("RepositoryType").GetString());
        var downloaded = await DownloadAsync(got.Json);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(zip)), Convert.ToHexString(SHA256.HashData(downloaded)));
    }

    [Fact]
    public async Task A_template_functions_code_location_serves_a_zip_of_its_build()
    {
        var got = await _aws.RunAsync("lambda", "get-function", "--function-name", "CalcFunction");

        AssertSucceeded(got);
        BotocoreModel.AssertOutputShape("GetFunction", got.Json);
        using var stream = new MemoryStream(await DownloadAsync(got.Json));
        using var archive = new ZipArchive(stream, ZipArchiveMode.Read);
        Assert.Contains(archive.Entries, e => e.FullName == "Backend.Calc.dll");
    }

    [Fact]
    public async Task A_deleted_function_is_not_found_and_its_name_can_be_used_again()
    {
        var name = UniqueName("lc-delete");
        using var file = new FunctionLifecycleTempFile(TestZips.ShellEchoBootstrap("first"));
        using var again = new FunctionLifecycleTempFile(TestZips.ShellEchoBootstrap("second"));
        AssertSucceeded(await CreateAsync(_aws, name, "provided.al2023", "function.handler", file));

        var deleted = await _aws.RunAsync("lambda", "delete-function", "--function-name", name);
        var got = await _aws.RunAsync("lambda", "get-function", "--function-name", name);
        var (invoked, _) = await InvokeAsync(_aws, name, "{}");
        var recreated = await CreateAsync(_aws, name, "provided.al2023", "function.handler", again);
        var (reinvoked, answer) = await InvokeAsync(_aws, name, "{}");

        AssertSucceeded(deleted);
        var notFound = $"Function not found: {FunctionArn(name)}";
        Assert.NotEqual(0, got.ExitCode);
        AssertError("ResourceNotFoundException", "GetFunction", notFound, got);
        Assert.NotEqual(0, invoked.ExitCode);
        AssertError("ResourceNotFoundException", "Invoke", notFound, invoked);
        AssertSucceeded(recreated);
        BotocoreModel.AssertOutputShape("CreateFunction", recreated.Json);
        AssertSucceeded(reinvoked);
        Assert.Equal("second", Parse(answer).GetProperty("marker").GetString());
    }

    [Fact]
    public async Task Creating_an_existing_name_conflicts_and_leaves_the_first_function_unchanged()
    {
        var name = UniqueName("lc-conflict");
        using var first = new FunctionLifecycleTempFile(TestZips.ShellEchoBootstrap("first"));
        using var second = new FunctionLifecycleTempFile(TestZips.ShellEchoBootstrap("second"));
        var created = await CreateAsync(_aws, name, "provided.al2023", "function.handler", first);
        AssertSucceeded(created);

        var conflict = await CreateAsync(_aws, name, "provided.al2023", "other.handler", second, "--description", "intruder");
        var read = await _aws.RunAsync("lambda", "get-function-configuration", "--function-name", name);
        var (invoked, answer) = await InvokeAsync(_aws, name, "{}");

        Assert.NotEqual(0, conflict.ExitCode);
        AssertError("ResourceConflictException", "CreateFunction", $"Function already exist: {name}", conflict);
        AssertSucceeded(read);
        BotocoreModel.AssertOutputShape("GetFunctionConfiguration", read.Json);
        Assert.Equal(created.Json.GetProperty("CodeSha256").GetString(), read.Json.GetProperty("CodeSha256").GetString());
        Assert.Equal(created.Json.GetProperty("RevisionId").GetString(), read.Json.GetProperty("RevisionId").GetString());
        Assert.Equal("function.handler", read.Json.GetProperty("Handler").GetString());
        Assert.Equal("", read.Json.GetProperty("Description").GetString());
        AssertSucceeded(invoked);
        Assert.Equal("first", Parse(answer).GetProperty("marker").GetString());
    }

    /// <summary>The CLI's error line: "An error occurred (CODE) when calling the OP operation (reached max retries: 0): MESSAGE".</summary>
    private static void AssertError(string code, string operation, string message, AwsResult result)
    {
        var line = $"^An error occurred \\({code}\\) when calling the {operation} operation( \\([^)]*\\))?: {Regex.Escape(message)}$";
        Assert.True(Regex.IsMatch(result.Error.Trim(), line, RegexOptions.Multiline), $"expected a stderr line matching:\n{line}\nstderr:\n{result.Error}");
    }

    private static async Task<byte[]> DownloadAsync(JsonElement getFunction)
    {
        var location = getFunction.GetProperty("Code").GetProperty("Location").GetString()!;
        // Code.Location is a full URL (on AWS a presigned S3 URL): fetched as is, without the Lambda client's base address.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.GetAsync(new Uri(location));
        Assert.True(response.IsSuccessStatusCode, $"GET {location}: {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }
}
