using System.Net;
using System.Security.Cryptography;
using System.Text.Json;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>
/// kill -9 of the emulator while an UpdateFunctionCode may be in flight: the next start serves the function with its
/// old code or its new code, never something in between, and never loses an update it acknowledged. And what a kill
/// could leave in the state folder (an unfinished temporary file, an unreadable one) is reported and set aside.
/// </summary>
public sealed class ControlPlaneDurabilityKillTests
{
    private const string Role = "arn:aws:iam::123456789012:role/lambda-role";
    private static readonly byte[] V1 = TestZips.ShellEchoBootstrap("v1");
    private static readonly byte[] V2 = TestZips.ShellEchoBootstrap("v2");
    private static readonly Dictionary<string, string> MarkerBySha = new()
    {
        [Sha(V1)] = "v1",
        [Sha(V2)] = "v2",
    };

    [Fact]
    public async Task After_kill_9_during_UpdateFunctionCode_the_function_has_its_old_code_or_its_new_code()
    {
        using var folder = new DurableEmulator();
        var name = "killed-" + Guid.NewGuid().ToString("N")[..8];
        await folder.StartAsync();
        using (var lambda = folder.Client())
        {
            var created = await lambda.PostAsync("/2015-03-31/functions", DurableEmulator.Json(new
            {
                FunctionName = name, Runtime = "provided.al2023", Role, Handler = "bootstrap", Timeout = 30, Code = new { ZipFile = Convert.ToBase64String(V1) },
            }));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var random = new Random(20240101);
        for (var round = 1; round <= 5; round++)
        {
            // Alternate the target, so that every round's update is a real change.
            var target = round % 2 == 1 ? V2 : V1;
            HttpStatusCode? acknowledged = null;
            using (var lambda = folder.Client())
            {
                var update = lambda.PutAsync($"/2015-03-31/functions/{name}/code", DurableEmulator.Json(new { ZipFile = Convert.ToBase64String(target) }));
                await Task.Delay(random.Next(0, 201));
                if (update.IsCompletedSuccessfully) acknowledged = (await update).StatusCode;
                await folder.KillAsync();
                try { await update; } catch (HttpRequestException) { } catch (TaskCanceledException) { } // cut off by the kill
            }

            var restarted = await folder.StartAsync();
            using var client = folder.Client();
            var got = await client.GetAsync($"/2015-03-31/functions/{name}");
            Assert.True(got.StatusCode == HttpStatusCode.OK, $"round {round}: {await got.Content.ReadAsStringAsync()}\n{restarted.Output}");
            var function = await DurableEmulator.ReadJsonAsync(got);
            BotocoreModel.AssertOutputShape("GetFunction", function);
            var sha = function.GetProperty("Configuration").GetProperty("CodeSha256").GetString()!;
            Assert.True(MarkerBySha.ContainsKey(sha), $"round {round}: CodeSha256 {sha} is neither v1's nor v2's");
            if (acknowledged == HttpStatusCode.OK) Assert.Equal(Sha(target), sha); // an acknowledged write is never lost

            var invoked = await client.PostAsync($"/2015-03-31/functions/{name}/invocations", new StringContent("{}"));
            Assert.Equal(HttpStatusCode.OK, invoked.StatusCode);
            Assert.False(invoked.Headers.Contains("X-Amz-Function-Error"), await invoked.Content.ReadAsStringAsync());
            Assert.Equal(MarkerBySha[sha], (await DurableEmulator.ReadJsonAsync(invoked)).GetProperty("marker").GetString());
            DurableEmulator.AssertNoCrash(restarted);
        }
        await folder.StopAsync();
    }

    [Fact]
    public async Task The_leftovers_of_a_kill_are_reported_and_set_aside_and_the_function_keeps_its_state()
    {
        using var folder = new DurableEmulator();
        var name = "leftovers-" + Guid.NewGuid().ToString("N")[..8];
        await folder.StartAsync();
        string sha;
        using (var lambda = folder.Client())
        {
            var created = await lambda.PostAsync("/2015-03-31/functions", DurableEmulator.Json(new
            {
                FunctionName = name, Runtime = "provided.al2023", Role, Handler = "bootstrap", Timeout = 30, Code = new { ZipFile = Convert.ToBase64String(V1) },
            }));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            sha = (await DurableEmulator.ReadJsonAsync(created)).GetProperty("CodeSha256").GetString()!;
        }
        await folder.KillAsync();
        // What a kill in the middle of a write would leave (half a temporary file), and a file that is not a function.
        var unfinished = Path.Combine(folder.FunctionsFolder, $"{name}.json.tmp-deadbeef");
        var garbage = Path.Combine(folder.FunctionsFolder, "other.json");
        await File.WriteAllTextAsync(unfinished, """{"Name":""" + JsonSerializer.Serialize(name) + ""","Lat""");
        await File.WriteAllTextAsync(garbage, "\0\0 not JSON at all");

        var restarted = await folder.StartAsync();
        using (var lambda = folder.Client())
        {
            var got = await lambda.GetAsync($"/2015-03-31/functions/{name}");
            Assert.Equal(HttpStatusCode.OK, got.StatusCode);
            Assert.Equal(sha, (await DurableEmulator.ReadJsonAsync(got)).GetProperty("Configuration").GetProperty("CodeSha256").GetString());
        }
        await folder.StopAsync();

        var discarded = restarted.Output.Split('\n').Where(l => l.Contains("discarded", StringComparison.Ordinal)).ToList();
        Assert.Contains(discarded, l => l.Contains(name, StringComparison.Ordinal));
        Assert.Contains(discarded, l => l.Contains("other.json", StringComparison.Ordinal));
        DurableEmulator.AssertNoCrash(restarted);
        var files = folder.StoredFiles();
        Assert.DoesNotContain($"{name}.json.tmp-deadbeef", files);
        Assert.DoesNotContain("other.json", files);
        Assert.Contains(files, f => f.StartsWith("other.json.discarded-", StringComparison.Ordinal));
        Assert.Contains($"{name}.json", files);
    }

    private static string Sha(byte[] zip) => Convert.ToBase64String(SHA256.HashData(zip));
}
