using System.Diagnostics;
using System.Text.Json;

namespace Backend.LoadBench;

/// <summary>One wrk run's figures (from wrk-report.lua's JSON line).</summary>
public sealed record LoadResult(string Scenario, int Connections, double RequestsPerSecond, double P50Ms, double P90Ms, double P99Ms, long Requests, long Non2xx, long SocketErrors);

public static class Wrk
{
    public static async Task<LoadResult> RunAsync(string scenario, string url, int connections, int seconds, string script, string? method = null, string? body = null)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t", Math.Min(2, connections).ToString(), "-c", connections.ToString(), "-d", $"{seconds}s", "--latency", "-s", script, url })
            start.ArgumentList.Add(arg);
        if (method is not null) start.Environment["WRK_METHOD"] = method;
        if (body is not null) start.Environment["WRK_BODY"] = body;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk)");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("WRK_JSON ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result:\n{output}\n{await process.StandardError.ReadToEndAsync()}");
        var r = JsonDocument.Parse(line["WRK_JSON ".Length..]).RootElement;
        var requests = r.GetProperty("requests").GetInt64();
        return new LoadResult(scenario, connections, requests / (r.GetProperty("duration_us").GetDouble() / 1e6),
            r.GetProperty("p50_us").GetDouble() / 1000, r.GetProperty("p90_us").GetDouble() / 1000, r.GetProperty("p99_us").GetDouble() / 1000,
            requests, r.GetProperty("non2xx").GetInt64(), r.GetProperty("socket_errors").GetInt64());
    }
}
