using System.Text.Json;
using System.Text.Json.Nodes;
using Backend.Lambda.TestUtilities;
using static Backend.DynamoDbManager.Tests.ManagerHarness;

namespace Backend.DynamoDbManager.Tests;

/// <summary>Every operation through the handler against a real DynamoDB Local.</summary>
public sealed class OperationsIntegrationTests
{
    private static JsonObject Key(string id) => new() { ["Key"] = new JsonObject { ["id"] = id } };

    [Fact]
    public async Task The_tutorials_payloads_give_the_documented_results()
    {
        var harness = await LocalAsync();

        // create-item.json, invoked directly exactly as the tutorial gives it.
        Assert.Equal("{}", await harness.InvokeDirectAsync(RepositoryFiles.ReadEvent("dynamodb-direct-create-item.json")));
        var read = await harness.PostAsync(Request("read", Key("1234ABCD")));
        AssertOk("""{"Item":{"id":"1234ABCD","number":5}}""", read);

        // The REST events: create Bob, read him, rename him, list, delete.
        AssertOk("{}", await harness.SendAsync(RepositoryFiles.ReadEvent("dynamodb-create.json")));
        AssertOk("""{"Item":{"id":"1","name":"Bob"}}""", await harness.SendAsync(RepositoryFiles.ReadEvent("dynamodb-read.json")));
        AssertOk("""{"Attributes":{"id":"1","name":"Alice"}}""", await harness.SendAsync(RepositoryFiles.ReadEvent("dynamodb-update.json")));
        var list = await harness.SendAsync(RepositoryFiles.ReadEvent("dynamodb-list.json"));
        Assert.Equal(200, list.Status);
        Assert.True(list.Body!["Count"]!.GetValue<int>() >= 1);
        Assert.Equal(list.Body["Count"]!.GetValue<int>(), list.Body["Items"]!.AsArray().Count);
        AssertOk("""{"Attributes":{"id":"1","name":"Alice"}}""", await harness.SendAsync(RepositoryFiles.ReadEvent("dynamodb-delete.json")));
        AssertOk("{}", await harness.SendAsync(RepositoryFiles.ReadEvent("dynamodb-read.json")));
    }

    /// <summary>DynamoDB does not keep attribute order: compare JSON values, not text.</summary>
    private static void AssertJson(string expected, string actual) =>
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(actual).RootElement), $"expected {expected}, got {actual}");

    private static void AssertOk(string expected, (int Status, JsonNode? Body, string Raw) response)
    {
        Assert.Equal(200, response.Status);
        AssertJson(expected, response.Raw);
    }

    [Fact]
    public async Task TableName_may_be_left_out()
    {
        var harness = await LocalAsync();
        var id = NewId();

        var created = await harness.PostAsync(Request("create", new JsonObject { ["Item"] = new JsonObject { ["id"] = id } }, tableName: null));
        var read = await harness.PostAsync(Request("read", Key(id), tableName: null));

        Assert.Equal(200, created.Status);
        Assert.Equal(id, read.Body!["Item"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Values_round_trip_without_loss()
    {
        var harness = await LocalAsync();
        var id = NewId();
        var item = $$$"""
            {"id":"{{{id}}}","big":12345678901234567890123456789012345678,"tenth":0.1,"negative":-42,"yes":true,"no":false,
             "nothing":null,"text":"ünïcødé ✓ 😀 日本語 \"quoted\"","map":{"inner":{"list":[1,"two",[3],{"four":4}]},"empty":{}},"list":[],"zero":0}
            """;

        var created = await harness.PostAsync($$$"""{"operation":"create","payload":{"Item":{{{item}}}}}""");
        var read = await harness.PostAsync(Request("read", Key(id)));

        Assert.Equal(200, created.Status);
        var back = JsonDocument.Parse(read.Raw).RootElement.GetProperty("Item");
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(item).RootElement, back), read.Raw);
        Assert.Equal("12345678901234567890123456789012345678", back.GetProperty("big").GetRawText());
        Assert.Equal("0.1", back.GetProperty("tenth").GetRawText());
    }

    [Fact]
    public async Task Update_supports_expressions_and_return_values()
    {
        var harness = await LocalAsync();
        var id = NewId();
        await harness.PostAsync(Request("create", new JsonObject { ["Item"] = new JsonObject { ["id"] = id, ["count"] = 1 } }));

        var updated = await harness.PostAsync($$$"""
            {"operation":"update","payload":{"Key":{"id":"{{{id}}}"},"UpdateExpression":"ADD #c :one SET tags = :tags",
             "ExpressionAttributeNames":{"#c":"count"},"ExpressionAttributeValues":{":one":1,":tags":["a","b"]},"ReturnValues":"UPDATED_NEW"}}
            """);
        var silent = await harness.PostAsync($$$"""
            {"operation":"update","payload":{"Key":{"id":"{{{id}}}"},"UpdateExpression":"REMOVE tags"}}
            """);

        AssertOk("""{"Attributes":{"count":2,"tags":["a","b"]}}""", updated);
        AssertOk("{}", silent);
    }

    [Fact]
    public async Task Read_supports_projection_and_consistent_read()
    {
        var harness = await LocalAsync();
        var id = NewId();
        await harness.PostAsync(Request("create", new JsonObject { ["Item"] = new JsonObject { ["id"] = id, ["name"] = "n", ["secret"] = "s" } }));

        var read = await harness.PostAsync($$$"""
            {"operation":"read","payload":{"Key":{"id":"{{{id}}}"},"ProjectionExpression":"#n","ExpressionAttributeNames":{"#n":"name"},"ConsistentRead":true}}
            """);

        AssertOk("""{"Item":{"name":"n"}}""", read);
    }

    [Fact]
    public async Task A_false_condition_is_409_and_changes_nothing()
    {
        var harness = await LocalAsync();
        var id = NewId();
        var create = $$$"""{"operation":"create","payload":{"Item":{"id":"{{{id}}}","v":1},"ConditionExpression":"attribute_not_exists(id)"}}""";

        var first = await harness.PostAsync(create);
        var second = await harness.PostAsync(create.Replace("\"v\":1", "\"v\":2", StringComparison.Ordinal));
        var delete = await harness.PostAsync($$$$"""
            {"operation":"delete","payload":{"Key":{"id":"{{{{id}}}}"},"ConditionExpression":"v = :two","ExpressionAttributeValues":{":two":2}}}
            """);
        var update = await harness.PostAsync($$$$"""
            {"operation":"update","payload":{"Key":{"id":"{{{{id}}}}"},"UpdateExpression":"SET v = :three","ConditionExpression":"attribute_not_exists(id)","ExpressionAttributeValues":{":three":3}}}
            """);
        var read = await harness.PostAsync(Request("read", Key(id)));

        Assert.Equal(200, first.Status);
        foreach (var refused in new[] { second, delete, update })
        {
            Assert.Equal(409, refused.Status);
            Assert.Equal("The conditional request failed", refused.Body!["message"]!.GetValue<string>());
        }
        Assert.Equal(1, read.Body!["Item"]!["v"]!.GetValue<int>());
    }

    [Fact]
    public async Task Create_with_ALL_OLD_returns_the_replaced_item()
    {
        var harness = await LocalAsync();
        var id = NewId();
        await harness.PostAsync(Request("create", new JsonObject { ["Item"] = new JsonObject { ["id"] = id, ["v"] = "old" } }));

        var replaced = await harness.PostAsync($$$"""{"operation":"create","payload":{"Item":{"id":"{{{id}}}","v":"new"},"ReturnValues":"ALL_OLD"}}""");

        AssertOk($$$"""{"Attributes":{"id":"{{{id}}}","v":"old"}}""", replaced);
    }

    [Theory]
    [InlineData("""{"operation":"read","payload":{"Key":{"id":5}}}""")]
    [InlineData("""{"operation":"create","payload":{"Item":{"name":"no id"}}}""")]
    [InlineData("""{"operation":"update","payload":{"Key":{"id":"x"},"UpdateExpression":"SET"}}""")]
    [InlineData("""{"operation":"list","payload":{"FilterExpression":"#missing = :v","ExpressionAttributeValues":{":v":1}}}""")]
    [InlineData("""{"operation":"create","payload":{"Item":{"id":"x","n":123456789012345678901234567890123456789012}}}""")]
    [InlineData("""{"operation":"create","payload":{"Item":{"id":"x"},"ReturnValues":"EVERYTHING"}}""")]
    public async Task DynamoDBs_validation_errors_are_400_with_its_message(string body)
    {
        var harness = await LocalAsync();

        var (status, response, raw) = await harness.PostAsync(body);

        Assert.Equal(400, status);
        Assert.False(string.IsNullOrWhiteSpace(response!["message"]!.GetValue<string>()));
        Assert.DoesNotContain("   at ", raw);
    }

    [Fact]
    public async Task A_missing_table_is_a_5xx_that_says_so()
    {
        var harness = await LocalAsync("no-such-table-" + Guid.NewGuid().ToString("N"));

        var (status, response, _) = await harness.PostAsync(Request("read", Key("1"), tableName: null));

        Assert.Equal(500, status);
        Assert.StartsWith("the table 'no-such-table-", response!["message"]!.GetValue<string>());
        Assert.Contains("does not exist", response["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_direct_invocation_fails_with_the_mapped_error_type()
    {
        var harness = await LocalAsync();
        var id = NewId();
        var create = $$$"""{"operation":"create","payload":{"Item":{"id":"{{{id}}}"},"ConditionExpression":"attribute_not_exists(id)"}}""";
        await harness.InvokeDirectAsync(create);

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => harness.InvokeDirectAsync(create));
        var invalid = await Assert.ThrowsAsync<BadRequestException>(() => harness.InvokeDirectAsync("""{"operation":"read","payload":{"Key":{"id":1}}}"""));

        Assert.Equal("The conditional request failed", conflict.Message);
        Assert.NotEmpty(invalid.Message);
    }
}
