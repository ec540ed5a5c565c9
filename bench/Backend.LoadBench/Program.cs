using System.Diagnostics;
using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Backend.Lambda.TestUtilities;
using Backend.LoadBench;
using Backend.Local.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

// Usage: Backend.LoadBench <publish-dir> <results-dir> [seconds=10] [connections=1,8,32,64]
var publish = Path.GetFullPath(args[0]);
var results = Path.GetFullPath(args[1]);
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10;
var connections = args.Length > 3 ? args[3].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray() : [1, 8, 32, 64];
var script = RepositoryFiles.PathOf("bench/wrk-report.lua");
Directory.CreateDirectory(results);

// The floor: the smallest Kestrel endpoint, answering a constant JSON body.
var floorBuilder = WebApplication.CreateSlimBuilder();
floorBuilder.Logging.ClearProviders();
floorBuilder.WebHost.UseUrls("http://127.0.0.1:0");
await using var floor = floorBuilder.Build();
floor.Run(http => { http.Response.ContentType = "application/json"; return http.Response.WriteAsync("""{"number":42}"""); });
await floor.StartAsync();
var floorUrl = floor.Urls.First();
// The three-exchange floor: front, Runtime API /next and /response with nothing else, 4 workers as the emulator's 4 instances.
await using var requestFloor = await RequestFloorProcess.StartAsync(Path.Combine(publish, "RequestFloor", "RequestFloor.dll"), workers: 4);
var cpu = RequestFloorCpu.Track(requestFloor);

var template = TemplateFile.Load(RepositoryFiles.PathOf("template.yaml"));
var model = template.Model;
var emulatorClock = await FirstRequest.StartClockAsync(floorUrl); // the first request after start, compared with serverless-offline's
await using var server = await LocalServer.StartAsync(new LocalServerOptions
{
    Template = template,
    ApiPort = 0,
    LambdaPort = null,
    InMemory = true,
    ConcurrencyLimit = 4,
    // As --no-throttling: the load measures the emulator, not template.yaml's 100 requests per second.
    Throttling = false,
    // The console log of every invocation is left out: it measures the emulator, not the terminal.
    Console = TextWriter.Null,
    Assemblies = model.Functions.ToDictionary(f => f.LogicalId, f => Path.Combine(publish, f.Handler["Backend.".Length..], f.Handler + ".dll")),
    // As `start` does: serving begins while DynamoDB Local's JVM starts (Calc does not wait for it).
    WaitForDynamoDb = false,
});
var api = server.ApiUrl!.ToString().TrimEnd('/');
var emulatorFirst = await FirstRequest.MeasureAsync(new Uri(api + PeerComparison.CalcPath), emulatorClock, () => false, TimeSpan.FromMinutes(3));
await server.DynamoDbReady;

(string Name, string Url, string? Method, string? Body)[] scenarios =
[
    ("floor (Kestrel)", floorUrl + "/", null, null),
    ("floor (3 exchanges)", requestFloor.Url + "/prod/calc?operand1=1&operand2=2&operator=%2B", null, null),
    ("Calc GET", api + "/prod/calc?operand1=1&operand2=2&operator=%2B", null, null),
    ("RandomNumber GET", api + "/index", null, null),
    ("DynamoDbManager create", api + "/prod/DynamoDBManager", "POST", """{"operation":"create","payload":{"Item":{"id":"load","n":1}}}"""),
    ("DynamoDbManager read", api + "/prod/DynamoDBManager", "POST", """{"operation":"read","payload":{"Key":{"id":"load"}}}"""),
];

// The direct AWSSDK client to the same DynamoDB Local: the baseline DynamoDbManager is compared with. Its JVM
// is warmed up with it first, so neither side pays for DynamoDB Local's own JIT.
using var client = new Amazon.DynamoDBv2.AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials("local", "local"),
    new Amazon.DynamoDBv2.AmazonDynamoDBConfig { ServiceURL = server.DynamoDbEndpoint!.ToString(), AuthenticationRegion = "us-east-1" });
var item = new Dictionary<string, AttributeValue> { ["id"] = new() { S = "direct" }, ["n"] = new() { N = "1" } };
Func<Task> put = () => client.PutItemAsync(new PutItemRequest { TableName = "lambda-apigateway", Item = item });
Func<Task> get = () => client.GetItemAsync(new GetItemRequest { TableName = "lambda-apigateway", Key = new() { ["id"] = new() { S = "direct" } } });
for (var i = 0; i < 3000; i++)
{
    await put();
    await get();
}

var measured = new List<LoadResult>();
foreach (var (name, url, method, body) in scenarios)
{
    await Wrk.RunAsync(name, url, 4, 5, script, method, body); // warm every instance up (JIT tiering) first
    foreach (var c in connections)
    {
        var result = await cpu.MeasureAsync(() => Wrk.RunAsync(name, url, c, seconds, script, method, body), name);
        measured.Add(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-24} c={c,-3} {result.RequestsPerSecond,9:F0} req/s  p50 {result.P50Ms,7:F2} ms  p99 {result.P99Ms,7:F2} ms  non-2xx {result.Non2xx}  errors {result.SocketErrors}"));
    }
}

async Task<(double P50, double P99)> Direct(Func<Task> call)
{
    var latencies = new List<double>();
    for (var i = 0; i < 2000; i++)
    {
        var clock = Stopwatch.StartNew();
        await call();
        latencies.Add(clock.Elapsed.TotalMilliseconds);
    }
    latencies.Sort();
    return (latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)]);
}
var directPut = await Direct(put);
var directGet = await Direct(get);

var md = new StringBuilder();
md.AppendLine(CultureInfo.InvariantCulture, $"wrk, {seconds} s per run, loopback; emulator with {model.Functions.Count} functions (Release, ReadyToRun), DynamoDB Local in memory.");
md.AppendLine();
md.AppendLine("| scenario | connections | req/s | p50 ms | p90 ms | p99 ms | non-2xx | socket errors |");
md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var r in measured)
    md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Scenario} | {r.Connections} | {r.RequestsPerSecond:F0} | {r.P50Ms:F2} | {r.P90Ms:F2} | {r.P99Ms:F2} | {r.Non2xx} | {r.SocketErrors} |");
md.AppendLine();
var floor32 = measured.FirstOrDefault(r => r.Scenario == "floor (Kestrel)" && r.Connections == 32);
var calc32 = measured.FirstOrDefault(r => r.Scenario == "Calc GET" && r.Connections == 32);
if (floor32 is not null && calc32 is not null)
    md.AppendLine(CultureInfo.InvariantCulture, $"- Calc GET at 32 connections: {calc32.RequestsPerSecond / floor32.RequestsPerSecond:F2}× the Kestrel floor's req/s (target ≥ 0.5×), p99 {calc32.P99Ms:F2} ms (target ≤ 10 ms).");
var requestFloor32 = measured.FirstOrDefault(r => r.Scenario == "floor (3 exchanges)" && r.Connections == 32);
if (requestFloor32 is not null && calc32 is not null)
    md.AppendLine(CultureInfo.InvariantCulture, $"- Calc GET at 32 connections: {calc32.RequestsPerSecond / requestFloor32.RequestsPerSecond:F2}× the three-exchange floor's req/s (target ≥ 0.7×), p99 {calc32.P99Ms:F2} ms (target ≤ 5 ms).");
foreach (var c in connections)
    md.AppendLine(RequestFloorCpu.Line(cpu, c));
var create1 = measured.FirstOrDefault(r => r.Scenario == "DynamoDbManager create" && r.Connections == 1);
var read1 = measured.FirstOrDefault(r => r.Scenario == "DynamoDbManager read" && r.Connections == 1);
if (create1 is not null && read1 is not null)
{
    md.AppendLine(CultureInfo.InvariantCulture, $"- DynamoDbManager create at 1 connection: p50 {create1.P50Ms:F2} ms vs a direct AWSSDK PutItem p50 {directPut.P50:F2} ms: {create1.P50Ms / directPut.P50:F2}× (target ≤ 1.2×).");
    md.AppendLine(CultureInfo.InvariantCulture, $"- DynamoDbManager read at 1 connection: p50 {read1.P50Ms:F2} ms vs a direct AWSSDK GetItem p50 {directGet.P50:F2} ms: {read1.P50Ms / directGet.P50:F2}× (target ≤ 1.2×).");
}
await File.WriteAllTextAsync(Path.Combine(results, "load.md"), md.ToString());
await File.WriteAllTextAsync(Path.Combine(results, "load.csv"), "scenario,connections,rps,p50_ms,p90_ms,p99_ms,requests,non2xx,socket_errors\n" +
    string.Concat(measured.Select(r => string.Create(CultureInfo.InvariantCulture, $"\"{r.Scenario}\",{r.Connections},{r.RequestsPerSecond:F1},{r.P50Ms:F3},{r.P90Ms:F3},{r.P99Ms:F3},{r.Requests},{r.Non2xx},{r.SocketErrors}\n"))));
// For the chart: p50/p90/p99 per scenario at 32 connections.
await File.WriteAllTextAsync(Path.Combine(results, "latency.dat"),
    string.Concat(measured.Where(r => r.Connections == 32).Select(r => string.Create(CultureInfo.InvariantCulture, $"\"{r.Scenario}\" {r.P50Ms:F3} {r.P90Ms:F3} {r.P99Ms:F3}\n"))));
Console.WriteLine();
Console.WriteLine(md);

// Ours beside serverless-offline (appends its section to load.md, writes peers.dat).
await PeerComparison.RunAsync(emulatorFirst, api, results, seconds, script);
