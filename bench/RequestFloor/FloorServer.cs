namespace RequestFloor;

/// <summary>The server role: front and Runtime API in one process, its workers beside it, until stdin closes.</summary>
internal static class FloorServer
{
    public static async Task<int> RunAsync(int workerCount)
    {
        var invocations = new Invocations();
        var runtimeApi = new RuntimeApi(workerCount);
        await using var runtimeApp = runtimeApi.Build(invocations);
        await runtimeApp.StartAsync();
        await using var frontApp = Front.Build(invocations);
        await frontApp.StartAsync();

        using var workers = Workers.Start(workerCount, new Uri(runtimeApp.Urls.First()).Authority);
        await runtimeApi.AllPolling.WaitAsync(TimeSpan.FromSeconds(60));
        Console.Out.WriteLine($"ready {frontApp.Urls.First()}");
        Console.Out.Flush();

        // The harness stops us by closing stdin; so does its death, so no floor outlives its benchmark.
        await Console.In.ReadToEndAsync();
        invocations.Close();
        await workers.StopAsync(TimeSpan.FromSeconds(5));
        await frontApp.StopAsync();
        await runtimeApp.StopAsync();
        return 0;
    }
}
