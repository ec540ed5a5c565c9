using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Backend.Local.Tests;

/// <summary>Writes under concurrent load through the emulator: every acknowledged write is there afterwards.</summary>
/// <remarks>Runs against the managed build (<see cref="LoadWithoutLossTestsManaged"/>) and the Native AOT one (<see cref="LoadWithoutLossTestsNative"/>).</remarks>
public abstract class LoadWithoutLossTests(ServerFixture fixture)
{
    private const int Connections = 64;

    private static HttpClient Client(Uri api) => new(new SocketsHttpHandler { MaxConnectionsPerServer = Connections })
    {
        BaseAddress = api,
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>Runs the requests with at most <see cref="Connections"/> in flight, and returns each one's status.</summary>
    private static async Task<HttpStatusCode[]> SendAllAsync(HttpClient client, IEnumerable<string> bodies)
    {
        using var gate = new SemaphoreSlim(Connections);
        return await Task.WhenAll(bodies.Select(async body =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await client.PostAsync("/prod/DynamoDBManager", new StringContent(body));
                return response.StatusCode;
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    [Fact]
    public async Task Twenty_thousand_creates_at_64_connections_are_all_readable_afterwards()
    {
        using var client = Client(fixture.Server.ApiUrl!);
        var run = Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(0, 20_000).Select(i => $"load-{run}-{i}").ToArray();

        var statuses = await SendAllAsync(client, ids.Select(id => $$$$"""{"operation":"create","payload":{"Item":{"id":"{{{{id}}}}","run":"{{{{run}}}}"}}}"""));

        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        var acknowledged = ids.Where((_, i) => statuses[i] == HttpStatusCode.OK).ToHashSet();
        Assert.Equal(ids.Length, acknowledged.Count);
        var found = new HashSet<string>();
        JsonNode? startKey = null;
        do
        {
            var payload = new JsonObject
            {
                ["FilterExpression"] = "#r = :run",
                ["ExpressionAttributeNames"] = new JsonObject { ["#r"] = "run" },
                ["ExpressionAttributeValues"] = new JsonObject { [":run"] = run },
                ["ProjectionExpression"] = "id",
            };
            if (startKey is not null) payload["ExclusiveStartKey"] = startKey.DeepClone();
            using var response = await client.PostAsync("/prod/DynamoDBManager", new StringContent(new JsonObject { ["operation"] = "list", ["payload"] = payload }.ToJsonString()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            foreach (var item in page["Items"]!.AsArray()) found.Add(item!["id"]!.GetValue<string>());
            startKey = page["LastEvaluatedKey"];
        }
        while (startKey is not null);
        Assert.Equal(acknowledged.Count, found.Count);
        Assert.True(acknowledged.SetEquals(found));
    }

    [Fact]
    public async Task Concurrent_ADD_updates_of_one_counter_lose_none()
    {
        using var client = Client(fixture.Server.ApiUrl!);
        var id = "counter-" + Guid.NewGuid().ToString("N");
        var update = $$$$"""{"operation":"update","payload":{"Key":{"id":"{{{{id}}}}"},"UpdateExpression":"ADD hits :one","ExpressionAttributeValues":{":one":1}}}""";

        var statuses = await SendAllAsync(client, Enumerable.Repeat(update, 3_000));
        using var read = await client.PostAsync("/prod/DynamoDBManager", new StringContent($$$$"""{"operation":"read","payload":{"Key":{"id":"{{{{id}}}}"},"ConsistentRead":true}}"""));
        var item = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("Item");

        Assert.DoesNotContain(statuses, s => (int)s >= 500);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.OK), item.GetProperty("hits").GetInt32());
        Assert.Equal(3_000, item.GetProperty("hits").GetInt32());
    }
}

[Collection("repository server")]
public sealed class LoadWithoutLossTestsManaged(RepositoryServerFixture fixture) : LoadWithoutLossTests(fixture);

[Collection("native server")]
public sealed class LoadWithoutLossTestsNative(NativeServerFixture fixture) : LoadWithoutLossTests(fixture);
