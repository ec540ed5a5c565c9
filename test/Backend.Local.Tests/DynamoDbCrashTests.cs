using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Backend.Local.Hosting;
using Backend.Lambda.TestUtilities;

namespace Backend.Local.Tests;

/// <summary>
/// DynamoDB Local (persistent, -dbPath) killed with SIGKILL in the middle of a write load through the emulator:
/// callers get 503 with a clear message while it is down, writes succeed again once it is back (nothing else
/// restarted), and every write acknowledged with 200 is in the table afterwards.
/// </summary>
[Collection("repository server")] // runs alone: it measures behaviour under load
public sealed class DynamoDbCrashTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("ddb-crash-");
    private LocalServer _server = null!;

    public async Task InitializeAsync()
    {
        var template = TemplateFile.Load(RepositoryFiles.PathOf("template.yaml"));
        _server = await LocalServer.StartAsync(new LocalServerOptions
        {
            Template = template,
            // 16 writers in a loop: a load test, beyond template.yaml's throttling.
            Throttling = false,
            ApiPort = 0,
            LambdaPort = 0,
            DataDirectory = _data.FullName,
            Assemblies = Prebuilt.Find(template.Model, AppContext.BaseDirectory),
            OnlyFunctions = ["DynamoDbManagerFunction"],
            Console = TextWriter.Null,
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task Killed_during_writes_it_costs_503s_only_and_loses_no_acknowledged_write()
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = _server.ApiUrl, Timeout = TimeSpan.FromSeconds(60) };
        var outcomes = new ConcurrentDictionary<string, (HttpStatusCode Status, string Body)>();
        var acknowledgedBeforeKill = new TaskCompletionSource();
        var restarted = new TaskCompletionSource();
        var processesBefore = _server.Functions.Pools.SelectMany(p => p.ProcessIds).ToHashSet();

        async Task WriterAsync(int writer)
        {
            // Each writer keeps writing until DynamoDB is back and it has had 50 more writes acknowledged.
            var afterRestart = 0;
            for (var i = 0; afterRestart < 50; i++)
            {
                var id = $"crash-{writer}-{i}";
                using var response = await client.PostAsync("/prod/DynamoDBManager", new StringContent(
                    $$$$"""{"operation":"create","payload":{"Item":{"id":"{{{{id}}}}","writer":{{{{writer}}}}}}}"""));
                outcomes[id] = (response.StatusCode, await response.Content.ReadAsStringAsync());
                if (outcomes.Count(o => o.Value.Status == HttpStatusCode.OK) >= 400) acknowledgedBeforeKill.TrySetResult();
                if (restarted.Task.IsCompleted && response.StatusCode == HttpStatusCode.OK) afterRestart++;
            }
        }

        var writers = Enumerable.Range(0, 16).Select(w => Task.Run(() => WriterAsync(w))).ToArray();
        await acknowledgedBeforeKill.Task.WaitAsync(TimeSpan.FromSeconds(120));
        await _server.DynamoDb!.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(2)); // writes go on against a dead DynamoDB
        await _server.DynamoDb.RestartAsync();
        restarted.SetResult();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(180));

        var unavailable = outcomes.Values.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.All(outcomes.Values, o => Assert.True(o.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{o.Status}: {o.Body}"));
        Assert.NotEmpty(unavailable);
        Assert.All(unavailable, o => Assert.Equal("""{"message":"DynamoDB is unreachable; try again later"}""", o.Body));
        Assert.True(processesBefore.IsSubsetOf(_server.Functions.Pools.SelectMany(p => p.ProcessIds)), "the function instances were restarted");

        var acknowledged = outcomes.Where(o => o.Value.Status == HttpStatusCode.OK).Select(o => o.Key).ToHashSet();
        var stored = await ScanIdsAsync();
        Assert.Empty(acknowledged.Except(stored));
        Console.WriteLine($"DynamoDB Local killed mid-load: {outcomes.Count} writes sent, {acknowledged.Count} acknowledged, {unavailable.Count} answered 503, {acknowledged.Except(stored).Count()} lost");
    }

    private async Task<HashSet<string>> ScanIdsAsync()
    {
        using var dynamoDb = _server.DynamoDb!.CreateClient();
        var ids = new HashSet<string>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await dynamoDb.ScanAsync(new ScanRequest { TableName = "lambda-apigateway", ConsistentRead = true, ExclusiveStartKey = startKey, ProjectionExpression = "id" });
            foreach (var item in page.Items) ids.Add(item["id"].S);
            startKey = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (startKey is not null);
        return ids;
    }
}
