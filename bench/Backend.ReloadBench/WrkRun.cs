using System.Diagnostics;
using System.Text.Json;

namespace Backend.ReloadBench;

/// <summary>wrk's figures for the window it ran (from bench/wrk-report.lua's JSON line).</summary>
public sealed record WrkFigures(TimeSpan Duration, long Requests, long Non2xx, long Connect, long Read, long Write, long Timeout, double P50Ms, double P99Ms, double MaxMs)
{
    public long SocketErrors => Connect + Read + Write + Timeout;
}

/// <summary>
/// wrk started with a duration longer than any run needs and stopped with SIGINT once the work under load is done:
/// on SIGINT wrk stops its connections and still prints its summary (and runs the script's done()).
/// </summary>
public sealed class WrkRun
{
    private readonly Process _process;
    private readonly Task<string> _output;

    private WrkRun(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
    }

    public static WrkRun Start(string url, string script, int threads, int connections, TimeSpan longest)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true };
        foreach (var arg in new[] { "-t", threads.ToString(), "-c", connections.ToString(), "-d", $"{(int)longest.TotalSeconds}s", "--latency", "-s", script, url })
            start.ArgumentList.Add(arg);
        return new WrkRun(Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk)"));
    }

    public async Task<WrkFigures> StopAsync()
    {
        if (!_process.HasExited) await Signals.SendAsync(_process.Id, "INT");
        var output = await _output;
        await _process.WaitForExitAsync();
        _process.Dispose();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("WRK_JSON ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result:\n{output}");
        var r = JsonDocument.Parse(line["WRK_JSON ".Length..]).RootElement;
        return new WrkFigures(TimeSpan.FromMicroseconds(r.GetProperty("duration_us").GetDouble()), r.GetProperty("requests").GetInt64(), r.GetProperty("non2xx").GetInt64(),
            r.GetProperty("connect").GetInt64(), r.GetProperty("read").GetInt64(), r.GetProperty("write").GetInt64(), r.GetProperty("timeout").GetInt64(),
            r.GetProperty("p50_us").GetDouble() / 1000, r.GetProperty("p99_us").GetDouble() / 1000, r.GetProperty("max_us").GetDouble() / 1000);
    }
}
