using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// CreateFunction values Lambda refuses: through boto3 where botocore sends them, raw HTTP where botocore would refuse
/// them itself (its range checks on MemorySize and Timeout). Each is Lambda's error and writes nothing.
/// </summary>
[Collection("control plane server")]
public sealed class ControlPlaneBadInputValidationTests(ControlPlaneServerFixture fixture)
{
    private const string NamePattern = @"(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?";
    private const string RolePattern = @"arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+";
    private readonly ControlPlaneBadInputChecks _checks = new(fixture);

    public static TheoryData<string, string> BotocoreSends => new()
    {
        { "name", "ValidationException" },
        { "long-name", "ValidationException" },
        { "role", "ValidationException" },
        { "runtime", "InvalidParameterValueException" },
        { "no-runtime", "InvalidParameterValueException" },
        { "no-handler", "InvalidParameterValueException" },
        { "environment", "InvalidParameterValueException" },
    };

    [Theory]
    [MemberData(nameof(BotocoreSends))]
    public async Task Boto3_gets_Lambdas_error_and_nothing_is_created(string spoiled, string errorType)
    {
        var (request, name, message) = Spoil(spoiled);
        var before = _checks.CodeEntries();
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes(request.ToJsonString()));
        var result = await fixture.Boto3.RunAsync($$"""
            import base64, botocore.exceptions
            params = json.loads(base64.b64decode("{{payload}}"))
            params["Code"] = {"ZipFile": base64.b64decode(params["Code"]["ZipFile"])}
            try:
                client.create_function(**params)
                outcome = {"created": True}
            except botocore.exceptions.ClientError as e:
                outcome = {"status": e.response["ResponseMetadata"]["HTTPStatusCode"], "code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"]}
            show(outcome)
            """);

        Assert.True(result.ExitCode == 0, result.Error);
        var outcome = result.Json;
        Assert.False(outcome.TryGetProperty("created", out _), $"{spoiled}: created");
        Assert.Equal(400, outcome.GetProperty("status").GetInt32());
        Assert.Equal(errorType, outcome.GetProperty("code").GetString());
        Assert.Equal(message, outcome.GetProperty("message").GetString());
        await _checks.AssertNothingWrittenAsync(name, before);
        await _checks.AssertServerStillServesAsync();
    }

    [Theory]
    [InlineData("MemorySize", 64, "memorySize", "greater than or equal to 128")]
    [InlineData("MemorySize", 20000, "memorySize", "less than or equal to 10240")]
    [InlineData("Timeout", 0, "timeout", "greater than or equal to 1")]
    [InlineData("Timeout", 901, "timeout", "less than or equal to 900")]
    public async Task A_value_out_of_range_is_ValidationException_naming_it(string member, int value, string field, string constraint)
    {
        var name = ControlPlaneBadInputChecks.UniqueName("range");
        var request = ControlPlaneBadInputChecks.CreateRequest(name, TestZips.ShellEchoBootstrap("range"));
        request[member] = value;
        await _checks.AssertCreateRefusedAsync(name, request.ToJsonString(), HttpStatusCode.BadRequest, "ValidationException",
            $"1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: Member must have value {constraint}");
    }

    /// <summary>A valid request with one thing wrong, its function's name, and Lambda's message for it.</summary>
    private static (JsonObject Request, string Name, string Message) Spoil(string what)
    {
        var zip = TestZips.ShellEchoBootstrap("validation");
        var name = ControlPlaneBadInputChecks.UniqueName("valid");
        switch (what)
        {
            case "name":
                name = $"bad name! {Guid.NewGuid():N}"[..14];
                return (ControlPlaneBadInputChecks.CreateRequest(name, zip), name,
                    $"1 validation error detected: Value '{name}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: {NamePattern}");
            case "long-name":
                name = ("long-" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"))[..65];
                return (ControlPlaneBadInputChecks.CreateRequest(name, zip), name,
                    $"1 validation error detected: Value '{name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64");
            case "role":
            {
                var request = ControlPlaneBadInputChecks.CreateRequest(name, zip);
                request["Role"] = "r1";
                return (request, name,
                    $"1 validation error detected: Value 'r1' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: {RolePattern}");
            }
            case "runtime":
                return (ControlPlaneBadInputChecks.CreateRequest(name, zip, runtime: "python3.12", handler: "app.handler"), name,
                    "Value python3.12 at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [dotnet10, dotnet8, provided.al2023, provided.al2] (the runtimes this local endpoint runs)");
            case "no-runtime":
            case "no-handler":
            {
                var request = ControlPlaneBadInputChecks.CreateRequest(name, zip);
                request.Remove(what == "no-runtime" ? "Runtime" : "Handler");
                return (request, name, "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
            }
            default:
            {
                var request = ControlPlaneBadInputChecks.CreateRequest(name, zip);
                var large = new string('x', 4096);
                request["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["SMALL_VAR"] = "ok", ["LARGE_VAR"] = large } };
                return (request, name,
                    "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. "
                    + $$"""String measured: {"SMALL_VAR":"ok","LARGE_VAR":"{{large}}"}""");
            }
        }
    }
}
