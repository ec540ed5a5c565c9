using System.Globalization;
using System.Text;

namespace Backend.LoadBench;

/// <summary>
/// Our emulator beside serverless-offline on the same two routes, with the same harness, back to back: req/s
/// and latency at 1 and 32 connections, the first request after start, and the memory under load. Appends
/// "## Peer: serverless-offline" to load.md and writes peers.dat (req/s, charted by run.sh as peers.png).
/// </summary>
public static class PeerComparison
{
    public const string CalcPath = "/prod/calc?operand1=1&operand2=2&operator=%2B";
    public const string RandomPath = "/index";
    private static readonly int[] Connections = [1, 32];
    private static readonly (string Name, string Path)[] Routes = [("Calc GET", CalcPath), ("RandomNumber GET", RandomPath)];

    private sealed record Side(Dictionary<(string Route, int Connections), LoadResult> Runs, FirstRequestTimes First, RssSampler Rss);

    public static async Task RunAsync(FirstRequestTimes oursFirst, string api, string results, int seconds, string script)
    {
        // Ours: this process is the emulator (it also holds the floor and the AWSSDK client, idle by now); its
        // children are the Calc and RandomNumber instances, which count; the other functions' instances, idle
        // since the main runs, and DynamoDB Local (java), which no route here uses and the peer has no match
        // for, are shown but not counted; wrk is the load generator and is left out.
        var self = Environment.ProcessId;
        var oursRss = new RssSampler(self, (p, root) => p.Pid == root ? "server process" : p.Name switch
        {
            "wrk" => null,
            "java" => "DynamoDB Local",
            _ when p.CommandLine.Contains("Backend.Calc.dll", StringComparison.Ordinal) || p.CommandLine.Contains("Backend.RandomNumber.dll", StringComparison.Ordinal) => "function processes",
            _ => "other processes",
        }, new HashSet<string> { "server process", "function processes" });
        var ours = new Side(await MeasureAsync("ours", api, seconds, script, oursRss), oursFirst, oursRss);

        var (peer, peerFirst) = await ServerlessOffline.StartAsync(CalcPath);
        Side theirs;
        await using (peer)
        {
            var peerRss = new RssSampler(peer.ProcessId, (p, root) => p.Pid == root ? "server process" : "child processes",
                new HashSet<string> { "server process", "child processes" });
            theirs = new Side(await MeasureAsync("serverless-offline", peer.BaseUrl.ToString().TrimEnd('/'), seconds, script, peerRss), peerFirst, peerRss);
        }

        await File.AppendAllTextAsync(Path.Combine(results, "load.md"), Report(ours, theirs, seconds));
        // For the chart: req/s per route and connections, ours then the peer's.
        await File.WriteAllTextAsync(Path.Combine(results, "peers.dat"), string.Concat(
            from route in Routes
            from c in Connections
            select string.Create(CultureInfo.InvariantCulture,
                $"\"{route.Name} c={c}\" {ours.Runs[(route.Name, c)].RequestsPerSecond:F1} {theirs.Runs[(route.Name, c)].RequestsPerSecond:F1}\n")));
    }

    private static async Task<Dictionary<(string, int), LoadResult>> MeasureAsync(string side, string baseUrl, int seconds, string script, RssSampler rss)
    {
        var runs = new Dictionary<(string, int), LoadResult>();
        foreach (var (name, path) in Routes)
        {
            var url = baseUrl + path;
            await Wrk.RunAsync(name, url, 4, 5, script); // warm up (JIT tiering, V8's optimiser) first, as the main runs do
            foreach (var c in Connections)
            {
                // Memory is sampled under the heaviest load only: the 32-connection runs.
                var result = c == 32 ? await rss.DuringAsync(() => Wrk.RunAsync(name, url, c, seconds, script)) : await Wrk.RunAsync(name, url, c, seconds, script);
                runs[(name, c)] = result;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{side,-18} {name,-17} c={c,-3} {result.RequestsPerSecond,9:F0} req/s  p50 {result.P50Ms,7:F2} ms  p99 {result.P99Ms,7:F2} ms  non-2xx {result.Non2xx}  errors {result.SocketErrors}"));
            }
        }
        return runs;
    }

    private static string Report(Side ours, Side theirs, int seconds)
    {
        var md = new StringBuilder();
        md.AppendLine();
        md.AppendLine("## Peer: serverless-offline");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{ServerlessOffline.Versions()}; mode {ServerlessOffline.Mode}. The tutorials' Node.js handlers (bench/peers/serverless-offline): Calc behind a REST `http` event (lambda-proxy, stage prod: GET {CalcPath}), the random number behind an `httpApi` event (GET {RandomPath}). Both sides measured back to back with the same harness: wrk, {seconds} s per run after a 5 s warm-up at 4 connections, loopback.");
        md.AppendLine();
        md.AppendLine("| figure | ours | serverless-offline | ours ÷ peer |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var (route, _) in Routes)
        {
            foreach (var c in Connections)
                Row(md, $"{route} req/s, {c} conn. (higher is better)", ours.Runs[(route, c)].RequestsPerSecond, theirs.Runs[(route, c)].RequestsPerSecond, "F0");
            foreach (var c in Connections)
            {
                Row(md, $"{route} p50 ms, {c} conn. (lower is better)", ours.Runs[(route, c)].P50Ms, theirs.Runs[(route, c)].P50Ms, "F2");
                Row(md, $"{route} p99 ms, {c} conn. (lower is better)", ours.Runs[(route, c)].P99Ms, theirs.Runs[(route, c)].P99Ms, "F2");
            }
        }
        Row(md, "first request after start: start → first 200 of Calc GET, ms (lower is better)", ours.First.FirstAnswerMs, theirs.First.FirstAnswerMs, "F0");
        Row(md, "… of which start → port open, ms (lower is better)", ours.First.PortOpenMs, theirs.First.PortOpenMs, "F0");
        Row(md, "… the first request's own latency, ms (lower is better)", ours.First.FirstRequestMs, theirs.First.FirstRequestMs, "F1");
        Row(md, "RSS under load (32 conn.), serving process tree, peak MB (lower is better)", ours.Rss.PeakTotalMb, theirs.Rss.PeakTotalMb, "F0");
        Row(md, "… the server process alone, peak MB (lower is better)", ours.Rss.PeakByGroupMb.GetValueOrDefault("server process"), theirs.Rss.PeakByGroupMb.GetValueOrDefault("server process"), "F0");
        md.AppendLine();
        var bad = ours.Runs.Values.Concat(theirs.Runs.Values).Where(r => r.Non2xx > 0 || r.SocketErrors > 0).ToList();
        md.AppendLine(bad.Count == 0
            ? "- Every run answered only 2xx, without socket errors."
            : "- Runs with non-2xx answers or socket errors: " + string.Join(", ", bad.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Scenario} c={r.Connections} ({r.Non2xx} non-2xx, {r.SocketErrors} errors)"))) + ".");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Ours' start is `LocalServer.StartAsync` with prebuilt (Release, ReadyToRun) assemblies: it serves before DynamoDB Local's JVM answers, as `start` does (Calc does not wait for it), and includes the Calc function process's cold start on the first request; it runs in the benchmark's process, so it pays no `dotnet` start. The peer's start is `node serverless.js offline start` (the Serverless Framework loads, then the plugin; the handler module loads on the first request).");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Ours' memory: the emulator process ({Peak(ours, "server process")} MB; it also holds this benchmark's Kestrel floor and AWSSDK client, idle by then) plus its Calc and RandomNumber instances ({Peak(ours, "function processes")} MB: the instances the runs started, at most ConcurrencyLimit 4 per function). Not counted: the other functions' instances left idle by the main runs ({Peak(ours, "other processes")} MB) and DynamoDB Local's JVM ({Peak(ours, "DynamoDB Local")} MB), which these routes do not use. The peer's: node ({Peak(theirs, "server process")} MB) and its children ({Peak(theirs, "child processes")} MB).");
        md.AppendLine("- The tutorial's Calc handler logs every event (`console.log` of the event, as the tutorial's code does); the peer's output is read and discarded, as ours' console is.");
        return md.ToString();
    }

    private static string Peak(Side side, string group) =>
        side.Rss.PeakByGroupMb.GetValueOrDefault(group).ToString("F0", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder md, string figure, double ours, double peer, string format) =>
        md.AppendLine(CultureInfo.InvariantCulture,
            $"| {figure} | {ours.ToString(format, CultureInfo.InvariantCulture)} | {peer.ToString(format, CultureInfo.InvariantCulture)} | {(peer > 0 ? (ours / peer).ToString("F2", CultureInfo.InvariantCulture) + "×" : "–")} |");
}
