using System.Text.Json.Nodes;
using Backend.Lambda.TestUtilities;
using static Backend.DynamoDbManager.Tests.ManagerHarness;

namespace Backend.DynamoDbManager.Tests;

/// <summary>DynamoDB Local of its own, stopped mid-test: 503 while down, success once back, with the same client.</summary>
public sealed class DynamoDbOutageTests
{
    [Fact]
    public async Task While_DynamoDB_is_down_requests_get_503_and_afterwards_succeed_again()
    {
        var data = Directory.CreateTempSubdirectory("ddb-outage-");
        await using var local = await DynamoDbLocal.DynamoDbLocalServer.StartAsync(new DynamoDbLocal.DynamoDbLocalOptions
        {
            Tables = SharedDynamoDbLocal.Template.Tables,
            DataDirectory = data.FullName,
            UseExistingEndpoint = false,
        });
        var harness = new ManagerHarness(local.CreateClient(), SharedDynamoDbLocal.ItemsTable.TableName);
        var before = NewId();
        Assert.Equal(200, (await harness.PostAsync(Request("create", new JsonObject { ["Item"] = new JsonObject { ["id"] = before } }))).Status);

        await local.StopAsync();
        var down = await harness.PostAsync(Request("create", new JsonObject { ["Item"] = new JsonObject { ["id"] = NewId() } }));
        await local.RestartAsync();
        var after = NewId();
        var up = await harness.PostAsync(Request("create", new JsonObject { ["Item"] = new JsonObject { ["id"] = after } }));
        var readBefore = await harness.PostAsync(Request("read", new JsonObject { ["Key"] = new JsonObject { ["id"] = before } }));

        Assert.Equal(503, down.Status);
        Assert.Equal("DynamoDB is unreachable; try again later", down.Body!["message"]!.GetValue<string>());
        Assert.Equal(200, up.Status);
        Assert.Equal(before, readBefore.Body!["Item"]!["id"]!.GetValue<string>());
        data.Delete(recursive: true);
    }
}
