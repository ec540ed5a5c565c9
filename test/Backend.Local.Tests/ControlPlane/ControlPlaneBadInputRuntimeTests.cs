using System.Text.Json;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// Packages Lambda accepts but cannot run: creating them succeeds (as on AWS); invoking them is the function's
/// error with the runtime's errorType, again on the next invoke (no hang), and the template's CalcFunction goes on.
/// </summary>
[Collection("control plane server")]
public sealed class ControlPlaneBadInputRuntimeTests(ControlPlaneServerFixture fixture)
{
    private readonly ControlPlaneBadInputChecks _checks = new(fixture);

    [Fact]
    public async Task A_bootstrap_without_the_execute_bit_is_created_but_invokes_as_Runtime_InvalidEntrypoint()
    {
        var invokes = await CreateAndInvokeTwiceAsync("not-executable", TestZips.NonExecutableBootstrap(), "provided.al2023", "bootstrap");

        foreach (var invoke in invokes)
        {
            var message = AssertFunctionError(invoke, "Runtime.InvalidEntrypoint");
            Assert.EndsWith("/bootstrap: permission denied", message);
        }
        await _checks.AssertServerStillServesAsync();
    }

    [Fact]
    public async Task A_bootstrap_that_exits_at_once_is_Runtime_ExitError_on_every_invoke()
    {
        var invokes = await CreateAndInvokeTwiceAsync("exits", TestZips.ProvidedBootstrap("#!/bin/sh\nexit 3\n"), "provided.al2023", "bootstrap");

        foreach (var invoke in invokes)
        {
            var message = AssertFunctionError(invoke, "Runtime.ExitError");
            Assert.Matches("^RequestId: [0-9a-f-]+ Error: Runtime exited with error: exit status 3$", message);
        }
        await _checks.AssertServerStillServesAsync();
    }

    [Fact]
    public async Task A_dotnet_handler_naming_no_assembly_is_Runtime_InvalidEntrypoint_naming_it()
    {
        var invokes = await CreateAndInvokeTwiceAsync("no-assembly", TestZips.DotnetCalc(), "dotnet10", "Nope");

        foreach (var invoke in invokes)
        {
            var message = AssertFunctionError(invoke, "Runtime.InvalidEntrypoint");
            Assert.Contains("'Nope'", message);
            Assert.Contains("Nope.dll", message);
        }
        await _checks.AssertServerStillServesAsync();
    }

    /// <summary>Creates the function with boto3 (retries off, so a hang fails instead of being retried), invokes it twice, deletes it.</summary>
    private async Task<JsonElement[]> CreateAndInvokeTwiceAsync(string prefix, byte[] zip, string runtime, string handler)
    {
        var name = ControlPlaneBadInputChecks.UniqueName(prefix);
        var result = await fixture.Boto3.RunAsync($$"""
            import base64, botocore.config
            client = boto3.client("lambda", endpoint_url=os.environ["BACKEND_TESTS_ENDPOINT"], region_name="us-east-1",
                                  aws_access_key_id="x", aws_secret_access_key="x",
                                  config=botocore.config.Config(read_timeout=120, retries={"max_attempts": 0}))
            created = client.create_function(FunctionName="{{name}}", Runtime="{{runtime}}", Role="{{ControlPlaneBadInputChecks.Role}}",
                                             Handler="{{handler}}", Code={"ZipFile": base64.b64decode("{{Convert.ToBase64String(zip)}}")})
            client.get_waiter("function_active_v2").wait(FunctionName="{{name}}")
            invokes = []
            for _ in range(2):
                r = client.invoke(FunctionName="{{name}}", Payload=b'{"n":1}')
                invokes.append({"StatusCode": r["StatusCode"], "FunctionError": r.get("FunctionError"), "Payload": json.loads(r["Payload"].read())})
            client.delete_function(FunctionName="{{name}}")
            show({"created": {k: v for k, v in created.items() if k != "ResponseMetadata"}, "invokes": invokes})
            """);

        Assert.True(result.ExitCode == 0, result.Error);
        var json = result.Json;
        BotocoreModel.AssertOutputShape("CreateFunction", json.GetProperty("created"));
        Assert.Equal(name, json.GetProperty("created").GetProperty("FunctionName").GetString());
        return [.. json.GetProperty("invokes").EnumerateArray()];
    }

    /// <summary>Status 200 with FunctionError Unhandled and the runtime's errorType; returns the errorMessage.</summary>
    private static string AssertFunctionError(JsonElement invoke, string errorType)
    {
        Assert.Equal(200, invoke.GetProperty("StatusCode").GetInt32());
        Assert.Equal("Unhandled", invoke.GetProperty("FunctionError").GetString());
        var payload = invoke.GetProperty("Payload");
        Assert.Equal(errorType, payload.GetProperty("errorType").GetString());
        return payload.GetProperty("errorMessage").GetString()!;
    }
}
