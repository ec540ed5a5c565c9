using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// What the Lambda API creates outlives the emulator (it is stored under .local/lambda), unless it runs --in-memory;
/// the template's functions are rebuilt from template.yaml at every start, so API changes to them end with the run.
/// The real CLI as a process, stopped with Ctrl+C and started again on the same folder.
/// </summary>
public sealed class ControlPlaneDurabilityRestartTests
{
    private const string Role = "arn:aws:iam::123456789012:role/lambda-role";

    // The reads whose answers must be the same after a restart, and an invoke through the alias.
    private const string Reads = """
        def strip(r):
            return {k: v for k, v in r.items() if k != "ResponseMetadata"}
        out = {
            "GetFunction": strip(client.get_function(FunctionName=name)),
            "ListVersionsByFunction": strip(client.list_versions_by_function(FunctionName=name)),
            "GetAlias": strip(client.get_alias(FunctionName=name, Name="live")),
            "GetPolicy": strip(client.get_policy(FunctionName=name)),
            "GetFunctionConcurrency": strip(client.get_function_concurrency(FunctionName=name)),
        }
        answer = client.invoke(FunctionName=name, Qualifier="live", Payload=b'{"n":1}')
        out["Invoke"] = {"FunctionError": answer.get("FunctionError"), "Payload": json.loads(answer["Payload"].read())}
        print(json.dumps(out, default=str))
        """;

    [Fact]
    public async Task A_function_created_through_the_API_comes_back_after_a_restart_with_its_versions_alias_policy_and_concurrency()
    {
        using var folder = new DurableEmulator();
        var name = "durable-" + Guid.NewGuid().ToString("N")[..8];
        var zip = Path.Combine(folder.Folder, "v1.zip");
        await File.WriteAllBytesAsync(zip, TestZips.ShellEchoBootstrap("v1"));

        await folder.StartAsync();
        var created = await folder.Boto3().RunAsync($"""
            name = {JsonSerializer.Serialize(name)}
            client.create_function(FunctionName=name, Runtime="provided.al2023", Role="{Role}", Handler="bootstrap",
                                   Code={"{"}"ZipFile": open({JsonSerializer.Serialize(zip)}, "rb").read(){"}"})
            client.get_waiter("function_active_v2").wait(FunctionName=name)
            version = client.publish_version(FunctionName=name)["Version"]
            client.create_alias(FunctionName=name, Name="live", FunctionVersion=version)
            client.add_permission(FunctionName=name, StatementId="s3", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com")
            client.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=3)
            {Reads}
            """);
        Assert.True(created.ExitCode == 0, created.Error);
        await folder.StopAsync();
        Assert.Contains($"{name}.json", folder.StoredFiles());

        var restarted = await folder.StartAsync();
        var read = await folder.Boto3().RunAsync($"name = {JsonSerializer.Serialize(name)}\n{Reads}");
        Assert.True(read.ExitCode == 0, $"{read.Error}\n{restarted.Output}");
        DurableEmulator.AssertNoCrash(restarted);
        await folder.StopAsync();

        foreach (var operation in new[] { "GetFunction", "ListVersionsByFunction", "GetAlias", "GetPolicy", "GetFunctionConcurrency" })
            BotocoreModel.AssertOutputShape(operation, read.Json.GetProperty(operation));
        Assert.Equal("1", read.Json.GetProperty("GetAlias").GetProperty("FunctionVersion").GetString());
        Assert.Equal(3, read.Json.GetProperty("GetFunctionConcurrency").GetProperty("ReservedConcurrentExecutions").GetInt32());
        Assert.Equal("v1", read.Json.GetProperty("Invoke").GetProperty("Payload").GetProperty("marker").GetString());
        Assert.Equal(JsonValueKind.Null, read.Json.GetProperty("Invoke").GetProperty("FunctionError").ValueKind);
        // Everything but the code's download link, which names the new server's port.
        Assert.Equal(WithoutCodeLocation(created.Json), WithoutCodeLocation(read.Json));
    }

    [Fact]
    public async Task In_memory_the_functions_created_through_the_API_are_gone_at_the_next_start()
    {
        using var folder = new DurableEmulator();
        var name = "forgotten-" + Guid.NewGuid().ToString("N")[..8];
        var zip = Path.Combine(folder.Folder, "v1.zip");
        await File.WriteAllBytesAsync(zip, TestZips.ShellEchoBootstrap("v1"));

        await folder.StartAsync(inMemory: true);
        var created = await folder.Boto3().RunAsync($"""
            client.create_function(FunctionName={JsonSerializer.Serialize(name)}, Runtime="provided.al2023", Role="{Role}", Handler="bootstrap",
                                   Code={"{"}"ZipFile": open({JsonSerializer.Serialize(zip)}, "rb").read(){"}"})
            show(client.get_function(FunctionName={JsonSerializer.Serialize(name)})["Configuration"])
            """);
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Equal(name, created.Json.GetProperty("FunctionName").GetString());
        await folder.StopAsync();
        Assert.Empty(folder.StoredFiles());

        await folder.StartAsync(inMemory: true);
        var read = await folder.Boto3().RunAsync($"""
            try:
                client.get_function(FunctionName={JsonSerializer.Serialize(name)})
                print(json.dumps("still there"))
            except client.exceptions.ResourceNotFoundException:
                print(json.dumps("gone"))
            """);
        await folder.StopAsync();

        Assert.True(read.ExitCode == 0, read.Error);
        Assert.Equal("gone", read.Json.GetString());
        Assert.Empty(folder.StoredFiles());
    }

    [Fact]
    public async Task An_API_change_to_a_template_function_lasts_until_the_restart()
    {
        using var folder = new DurableEmulator();
        const string function = DurableEmulator.TemplateFunction;

        await folder.StartAsync();
        var changed = await folder.Boto3().RunAsync($"""
            before = client.get_function_configuration(FunctionName="{function}")["Description"]
            client.update_function_configuration(FunctionName="{function}", Description="changed through the API")
            client.get_waiter("function_updated_v2").wait(FunctionName="{function}")
            after = client.get_function_configuration(FunctionName="{function}")["Description"]
            print(json.dumps({"{"}"before": before, "after": after{"}"}))
            """);
        Assert.True(changed.ExitCode == 0, changed.Error);
        Assert.Equal("changed through the API", changed.Json.GetProperty("after").GetString());
        await folder.StopAsync();
        Assert.DoesNotContain($"{function}.json", folder.StoredFiles());

        await folder.StartAsync();
        var read = await folder.Boto3().RunAsync($"""show(client.get_function_configuration(FunctionName="{function}"))""");
        await folder.StopAsync();

        Assert.True(read.ExitCode == 0, read.Error);
        BotocoreModel.AssertOutputShape("GetFunctionConfiguration", read.Json);
        Assert.Equal(changed.Json.GetProperty("before").GetString(), read.Json.GetProperty("Description").GetString());
    }

    private static string WithoutCodeLocation(JsonElement reads)
    {
        var node = JsonNode.Parse(reads.GetRawText())!;
        node["GetFunction"]!["Code"]!.AsObject().Remove("Location");
        return node.ToJsonString();
    }

    [Fact]
    public async Task A_second_emulator_on_the_same_Lambda_folder_is_refused_with_exit_2()
    {
        using var folder = new DurableEmulator();
        await folder.StartAsync();

        var (exit, error) = await EmulatorProcess.RunAsync("start-lambda", "--template", folder.TemplatePath, "--artifacts", AppContext.BaseDirectory, "--lambda-port", "0");

        Assert.Equal(2, exit);
        Assert.Contains($"error: the Lambda API folder {Path.Combine(folder.Folder, ".local", "lambda")} is in use by another emulator", error);
        await folder.StopAsync();
    }
}
