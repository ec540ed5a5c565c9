namespace Backend.Local.Tests.ControlPlane;

/// <summary>A refused UpdateFunctionCode changes nothing: the old code keeps running under the old CodeSha256.</summary>
[Collection("control plane server")]
public sealed class ControlPlaneBadInputUpdateCodeTests(ControlPlaneServerFixture fixture)
{
    private readonly ControlPlaneBadInputChecks _checks = new(fixture);

    [Fact]
    public async Task A_corrupt_zip_in_UpdateFunctionCode_leaves_the_old_code_running_and_its_sha_unchanged()
    {
        var name = ControlPlaneBadInputChecks.UniqueName("update-corrupt");
        var marker = "old-" + Guid.NewGuid().ToString("N")[..8];
        var old = Convert.ToBase64String(TestZips.ShellEchoBootstrap(marker));
        var corrupt = Convert.ToBase64String(TestZips.Corrupt());
        var result = await fixture.Boto3.RunAsync($$"""
            import base64, botocore.exceptions
            name = "{{name}}"
            created = client.create_function(FunctionName=name, Runtime="provided.al2023", Role="{{ControlPlaneBadInputChecks.Role}}",
                                             Handler="bootstrap", Code={"ZipFile": base64.b64decode("{{old}}")})
            client.get_waiter("function_active_v2").wait(FunctionName=name)
            before = json.loads(client.invoke(FunctionName=name, Payload=b"{}")["Payload"].read())
            try:
                client.update_function_code(FunctionName=name, ZipFile=base64.b64decode("{{corrupt}}"))
                refusal = None
            except botocore.exceptions.ClientError as e:
                refusal = {"status": e.response["ResponseMetadata"]["HTTPStatusCode"], "code": e.response["Error"]["Code"], "message": e.response["Error"]["Message"]}
            after = json.loads(client.invoke(FunctionName=name, Payload=b"{}")["Payload"].read())
            function = client.get_function(FunctionName=name)
            show({"createdSha": created["CodeSha256"], "before": before, "refusal": refusal, "after": after,
                  "configuration": function["Configuration"]})
            """);

        try
        {
            Assert.True(result.ExitCode == 0, result.Error);
            var json = result.Json;
            var refusal = json.GetProperty("refusal");
            Assert.Equal(400, refusal.GetProperty("status").GetInt32());
            Assert.Equal("InvalidParameterValueException", refusal.GetProperty("code").GetString());
            Assert.Equal("Could not unzip uploaded file. Please check your file, then try to upload again.", refusal.GetProperty("message").GetString());
            Assert.Equal(marker, json.GetProperty("before").GetProperty("marker").GetString());
            Assert.Equal(marker, json.GetProperty("after").GetProperty("marker").GetString());
            var configuration = json.GetProperty("configuration");
            BotocoreModel.AssertOutputShape("GetFunctionConfiguration", configuration);
            Assert.Equal(json.GetProperty("createdSha").GetString(), configuration.GetProperty("CodeSha256").GetString());
            Assert.DoesNotContain(_checks.CodeEntries(), entry => entry.StartsWith(".tmp-", StringComparison.Ordinal));
            await _checks.AssertServerStillServesAsync();
        }
        finally
        {
            await fixture.Lambda.DeleteAsync($"{ControlPlaneBadInputChecks.FunctionsPath}/{name}");
        }
    }
}
