using System.Text.Json.Nodes;
using Backend.Lambda.TestUtilities;
using static Backend.DynamoDbManager.Tests.ManagerHarness;

namespace Backend.DynamoDbManager.Tests;

public sealed class PagingAndAllowlistTests
{
    [Fact]
    public async Task List_pages_with_Limit_and_ExclusiveStartKey_over_30_items()
    {
        var table = "paging-" + Guid.NewGuid().ToString("N");
        var local = await SharedDynamoDbLocal.GetAsync();
        await local.CreateTableAsync(SharedDynamoDbLocal.TableNamed(table));
        var harness = await LocalAsync(table);
        var ids = Enumerable.Range(0, 30).Select(i => $"item-{i:D2}").ToHashSet();
        foreach (var id in ids)
            Assert.Equal(200, (await harness.PostAsync(Request("create", new JsonObject { ["Item"] = new JsonObject { ["id"] = id, ["n"] = 1 } }, table))).Status);

        var seen = new List<string>();
        JsonNode? startKey = null;
        var pages = 0;
        do
        {
            var payload = new JsonObject { ["Limit"] = 7 };
            if (startKey is not null) payload["ExclusiveStartKey"] = startKey.DeepClone();
            var (status, page, _) = await harness.PostAsync(Request("list", payload, table));
            Assert.Equal(200, status);
            var items = page!["Items"]!.AsArray();
            Assert.InRange(items.Count, 0, 7);
            Assert.Equal(items.Count, page["Count"]!.GetValue<int>());
            seen.AddRange(items.Select(i => i!["id"]!.GetValue<string>()));
            startKey = page["LastEvaluatedKey"];
            pages++;
        }
        while (startKey is not null && pages < 20);

        Assert.Equal(ids.Order(), seen.Order());
        Assert.InRange(pages, 5, 6);

        var counted = await harness.PostAsync(Request("list", new JsonObject { ["Select"] = "COUNT", ["FilterExpression"] = "n = :one", ["ExpressionAttributeValues"] = new JsonObject { [":one"] = 1 } }, table));
        Assert.Equal(30, counted.Body!["Count"]!.GetValue<int>());
        Assert.Null(counted.Body["Items"]);
    }

    [Fact]
    public async Task Another_table_is_never_touched_whatever_the_request_says()
    {
        var other = "other-" + Guid.NewGuid().ToString("N");
        var local = await SharedDynamoDbLocal.GetAsync();
        await local.CreateTableAsync(SharedDynamoDbLocal.TableNamed(other));
        var harness = await LocalAsync();
        var item = new JsonObject { ["Item"] = new JsonObject { ["id"] = "intruder" } };

        var viaTableName = await harness.PostAsync(Request("create", item, other));
        var viaPayload = await harness.PostAsync(Request("create", new JsonObject { ["TableName"] = other, ["Item"] = new JsonObject { ["id"] = "intruder" } }, tableName: null));
        var viaCase = await harness.PostAsync(Request("create", item.DeepClone(), other.ToUpperInvariant()));

        Assert.All(new[] { viaTableName, viaPayload, viaCase }, r => Assert.Equal(403, r.Status));
        Assert.Equal($"table '{other}' is not served here", viaTableName.Body!["message"]!.GetValue<string>());
        var otherHarness = await LocalAsync(other);
        var scan = await otherHarness.PostAsync(Request("list", new JsonObject(), other));
        Assert.Equal(0, scan.Body!["Count"]!.GetValue<int>());
    }
}
