using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// UpdateFunctionCode and UpdateFunctionConfiguration under a steady stream of invocations: none fails, each runs on
/// some version of the function, an invocation sent after an update returned runs on that update (or a later one),
/// and the instances of the replaced code stop once their invocation is done.
/// </summary>
[Collection("control plane server")]
public sealed class CodeSwapTests(ControlPlaneServerFixture fixture)
{
    private const string Role = "arn:aws:iam::123456789012:role/lambda-role";
    private const int Loops = 4;

    /// <summary>
    /// A bootstrap that takes ~50 ms per invocation (so some are in flight at every swap) and answers
    /// {"marker":N,"greeting":"$GREETING"}.
    /// </summary>
    private static byte[] Slow(int marker) => TestZips.ProvidedBootstrap(TestZips.RuntimeLoopScript($$"""
        sleep 0.05
        RESPONSE='{"marker":{{marker}},"greeting":"'"${GREETING:-}"'"}'
        """));

    [Fact]
    public async Task Code_updates_under_load_drop_no_invocation_and_retire_the_old_instances()
    {
        var name = "swap-code-" + Guid.NewGuid().ToString("N")[..8];
        await CreateAsync(name, Slow(1), "g");
        try
        {
            var outcome = await UnderLoadAsync(name, "marker", async generation =>
            {
                var updated = await fixture.Lambda.PutAsync($"/2015-03-31/functions/{name}/code",
                    DurableEmulator.Json(new { ZipFile = Convert.ToBase64String(Slow(generation)) }));
                var body = await updated.Content.ReadAsStringAsync();
                Assert.True(updated.StatusCode == HttpStatusCode.OK, body);
                BotocoreModel.AssertOutputShape("UpdateFunctionCode", body);
            }, answer => answer.GetInt32());

            Assert.Equal([1, 2, 3, 4], outcome.Seen.Order());
            await AssertOldInstancesStoppedAsync(name, outcome.ProcessesSeen);
        }
        finally
        {
            await fixture.Lambda.DeleteAsync($"/2015-03-31/functions/{name}");
        }
    }

    [Fact]
    public async Task Environment_updates_under_load_reach_new_invocations_while_running_ones_finish()
    {
        var name = "swap-env-" + Guid.NewGuid().ToString("N")[..8];
        await CreateAsync(name, Slow(0), "g1");
        try
        {
            var outcome = await UnderLoadAsync(name, "greeting", async generation =>
            {
                var updated = await fixture.Lambda.PutAsync($"/2015-03-31/functions/{name}/configuration",
                    DurableEmulator.Json(new { Environment = new { Variables = new Dictionary<string, string> { ["GREETING"] = $"g{generation}" } } }));
                var body = await updated.Content.ReadAsStringAsync();
                Assert.True(updated.StatusCode == HttpStatusCode.OK, body);
                BotocoreModel.AssertOutputShape("UpdateFunctionConfiguration", body);
            }, answer => int.Parse(answer.GetString()!.TrimStart('g'), System.Globalization.CultureInfo.InvariantCulture));

            Assert.Equal([1, 2, 3, 4], outcome.Seen.Order());
            await AssertOldInstancesStoppedAsync(name, outcome.ProcessesSeen);
        }
        finally
        {
            await fixture.Lambda.DeleteAsync($"/2015-03-31/functions/{name}");
        }
    }

    private async Task CreateAsync(string name, byte[] zip, string greeting)
    {
        var created = await fixture.Lambda.PostAsync("/2015-03-31/functions", DurableEmulator.Json(new
        {
            FunctionName = name, Runtime = "provided.al2023", Role, Handler = "bootstrap", Timeout = 60,
            Environment = new { Variables = new Dictionary<string, string> { ["GREETING"] = greeting } },
            Code = new { ZipFile = Convert.ToBase64String(zip) },
        }));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
    }

    private sealed record Outcome(HashSet<int> Seen, HashSet<int> ProcessesSeen);

    /// <summary>
    /// <see cref="Loops"/> loops invoke the function without pause while <paramref name="update"/> takes it to
    /// generations 2, 3 and 4; every answer's generation (read from <paramref name="key"/>) is checked against the
    /// last update that had returned when the invocation was sent, and against the loop's previous answer.
    /// </summary>
    private async Task<Outcome> UnderLoadAsync(string name, string key, Func<int, Task> update, Func<JsonElement, int> generationOf)
    {
        var acknowledged = 1;
        var seen = new ConcurrentDictionary<int, byte>();
        var processes = new ConcurrentDictionary<int, byte>();
        using var stop = new CancellationTokenSource();

        async Task LoopAsync()
        {
            var previous = 0;
            while (!stop.IsCancellationRequested)
            {
                var floor = Volatile.Read(ref acknowledged);
                var invoked = await fixture.Lambda.PostAsync($"/2015-03-31/functions/{name}/invocations", new StringContent("{}"));
                var body = await invoked.Content.ReadAsStringAsync();
                Assert.True(invoked.StatusCode == HttpStatusCode.OK, body);
                Assert.False(invoked.Headers.Contains("X-Amz-Function-Error"), body);
                var generation = generationOf(JsonDocument.Parse(body).RootElement.GetProperty(key));
                Assert.True(generation >= floor, $"sent after update {floor} returned, but answered by generation {generation}");
                Assert.True(generation >= previous, $"generation {generation} after {previous} in the same loop");
                previous = generation;
                seen[generation] = 0;
            }
        }

        async Task WatchAsync()
        {
            // The instances' processes, of every pool this function has had, to check afterwards that the old ones stopped.
            while (!stop.IsCancellationRequested)
            {
                foreach (var pid in PoolsOf(name).SelectMany(p => p.ProcessIds)) processes[pid] = 0;
                await Task.Delay(20);
            }
        }

        var loops = Enumerable.Range(0, Loops).Select(_ => Task.Run(LoopAsync)).Append(Task.Run(WatchAsync)).ToList();

        async Task UntilSeenAsync(int generation)
        {
            for (var wait = 0; wait < 600 && !seen.ContainsKey(generation) && !loops.Any(l => l.IsFaulted); wait++) await Task.Delay(100);
            Assert.True(seen.ContainsKey(generation) || loops.Any(l => l.IsFaulted), $"no invocation answered from generation {generation} within a minute");
        }

        try
        {
            // Each update waits until the previous generation answers, so that it swaps code under way.
            await UntilSeenAsync(1);
            for (var generation = 2; generation <= 4; generation++)
            {
                await update(generation);
                Volatile.Write(ref acknowledged, generation);
                await UntilSeenAsync(generation);
            }
            await Task.Delay(500);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(loops);
        }
        return new Outcome([.. seen.Keys], [.. processes.Keys]);
    }

    private IEnumerable<Backend.Local.Runtime.FunctionPool> PoolsOf(string name) =>
        fixture.Server.Functions.Pools.Where(p => p.Function.FunctionName == name);

    private async Task AssertOldInstancesStoppedAsync(string name, HashSet<int> processesSeen)
    {
        var current = Assert.Single(PoolsOf(name));
        Assert.False(current.IsRetired);
        var old = processesSeen.Except(current.ProcessIds).ToList();
        Assert.NotEmpty(old); // the earlier generations ran somewhere
        for (var wait = 0; wait < 100 && old.Any(ProcessTable.Alive); wait++) await Task.Delay(100);
        Assert.True(!old.Any(ProcessTable.Alive), $"instances of replaced code still run: {string.Join(", ", old.Where(ProcessTable.Alive))}");
    }
}
