using System.Net;
using System.Text.Json.Nodes;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// CreateFunction bodies no AWS client would send (raw HTTP: the CLI checks types before sending): each is
/// refused with Lambda's error, writes nothing, and leaves the server serving.
/// </summary>
[Collection("control plane server")]
public sealed class ControlPlaneBadInputBodyTests(ControlPlaneServerFixture fixture)
{
    private const string Unparseable = "Could not parse request body into json: ";
    private readonly ControlPlaneBadInputChecks _checks = new(fixture);

    [Fact]
    public async Task Malformed_json_is_InvalidRequestContentException_and_writes_nothing()
    {
        var name = ControlPlaneBadInputChecks.UniqueName("bad-json");
        var message = await _checks.AssertCreateRefusedAsync(name, $$"""{"FunctionName":"{{name}}","Role":""",
            HttpStatusCode.BadRequest, "InvalidRequestContentException");
        Assert.StartsWith(Unparseable, message);
    }

    [Fact]
    public async Task A_json_array_is_refused_as_not_an_object()
    {
        var name = ControlPlaneBadInputChecks.UniqueName("bad-array");
        var body = new JsonArray(ControlPlaneBadInputChecks.CreateRequest(name, TestZips.ShellEchoBootstrap("array"))).ToJsonString();
        await _checks.AssertCreateRefusedAsync(name, body, HttpStatusCode.BadRequest, "InvalidRequestContentException",
            Unparseable + "the CreateFunction request must be a JSON object");
    }

    [Theory]
    [InlineData("Role", "role")]
    [InlineData("Code", "code")]
    public async Task A_required_member_left_out_is_Lambdas_must_not_be_null(string member, string named)
    {
        var name = ControlPlaneBadInputChecks.UniqueName("missing-" + named);
        var body = ControlPlaneBadInputChecks.CreateRequest(name, TestZips.ShellEchoBootstrap("missing"));
        body.Remove(member);
        await _checks.AssertCreateRefusedAsync(name, body.ToJsonString(), HttpStatusCode.BadRequest, "ValidationException",
            $"1 validation error detected: Value null at '{named}' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task Other_operations_name_their_missing_members_too()
    {
        using var permission = await fixture.Lambda.PostAsync("/2015-03-31/functions/CalcFunction/policy",
            new StringContent("""{"Action":"lambda:InvokeFunction","Principal":"s3.amazonaws.com"}"""));
        await ControlPlaneBadInputChecks.AssertErrorAsync(permission, HttpStatusCode.BadRequest, "ValidationException",
            "1 validation error detected: Value null at 'statementId' failed to satisfy constraint: Member must not be null");
        using var concurrency = await fixture.Lambda.PutAsync("/2017-10-31/functions/CalcFunction/concurrency", new StringContent("{}"));
        await ControlPlaneBadInputChecks.AssertErrorAsync(concurrency, HttpStatusCode.BadRequest, "ValidationException",
            "1 validation error detected: Value null at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null");
    }

    [Fact]
    public async Task MemorySize_as_a_string_is_refused_naming_the_member()
    {
        var name = ControlPlaneBadInputChecks.UniqueName("bad-memory-type");
        var body = ControlPlaneBadInputChecks.CreateRequest(name, TestZips.ShellEchoBootstrap("memory-type"));
        body["MemorySize"] = "128";
        await _checks.AssertCreateRefusedAsync(name, body.ToJsonString(), HttpStatusCode.BadRequest, "InvalidRequestContentException",
            Unparseable + "MemorySize must be an integer");
    }

    [Fact]
    public async Task An_environment_variable_that_is_a_number_is_refused_naming_it()
    {
        var name = ControlPlaneBadInputChecks.UniqueName("bad-env-type");
        var body = ControlPlaneBadInputChecks.CreateRequest(name, TestZips.ShellEchoBootstrap("env-type"));
        body["Environment"] = new JsonObject { ["Variables"] = new JsonObject { ["A"] = 1 } };
        await _checks.AssertCreateRefusedAsync(name, body.ToJsonString(), HttpStatusCode.BadRequest, "InvalidRequestContentException",
            Unparseable + "Variables.A must be a string");
    }

    [Fact]
    public async Task An_unknown_top_level_field_is_refused_by_name()
    {
        var name = ControlPlaneBadInputChecks.UniqueName("bad-field");
        var body = ControlPlaneBadInputChecks.CreateRequest(name, TestZips.ShellEchoBootstrap("field"));
        body["Colour"] = "blue";
        var message = await _checks.AssertCreateRefusedAsync(name, body.ToJsonString(), HttpStatusCode.BadRequest, "InvalidRequestContentException");
        Assert.StartsWith(Unparseable + "Unrecognized field \"Colour\"", message);
    }

    [Theory]
    [InlineData("Layers", "Layers")]
    [InlineData("S3Bucket", "Code from S3 (S3Bucket)")]
    [InlineData("PackageType", "PackageType Image")]
    public async Task An_unsupported_member_is_InvalidParameterValueException_naming_it(string member, string named)
    {
        var name = ControlPlaneBadInputChecks.UniqueName("not-served");
        var body = ControlPlaneBadInputChecks.CreateRequest(name, TestZips.ShellEchoBootstrap("not-served"));
        switch (member)
        {
            case "Layers":
                body["Layers"] = new JsonArray("arn:aws:lambda:us-east-1:123456789012:layer:tools:1");
                break;
            case "S3Bucket":
                body["Code"] = new JsonObject { ["S3Bucket"] = "bucket", ["S3Key"] = "function.zip" };
                break;
            default:
                body["PackageType"] = "Image";
                break;
        }
        await _checks.AssertCreateRefusedAsync(name, body.ToJsonString(), HttpStatusCode.BadRequest, "InvalidParameterValueException",
            $"{named} is not served by this local Lambda endpoint: it runs zip packages uploaded as ZipFile");
    }
}
