using System.Globalization;
using Backend.Lambda.TestUtilities;
using Backend.RuntimeBench;

// Usage: Backend.RuntimeBench <publish-dir> <node-dir> <results-dir> [cold-starts] [warm] [soak checkpoints, e.g. 10000,20000]
// publish-dir holds Floor/, Calc/, RandomNumber/, DynamoDbManager/ (dotnet publish -c Release);
// node-dir holds the tutorials' Node.js functions with node_modules (aws-lambda-ric, aws-sdk).
var publish = Path.GetFullPath(args[0]);
var node = Path.GetFullPath(args[1]);
var results = Path.GetFullPath(args[2]);
var coldStarts = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10;
var warm = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1000;
var soak = args.Length > 5 && args[5].Length > 0 ? args[5].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [10_000, 20_000];
Directory.CreateDirectory(results);

await using var dynamoDb = await Backend.DynamoDbLocal.DynamoDbLocalServer.StartAsync(new Backend.DynamoDbLocal.DynamoDbLocalOptions
{
    Tables = SharedDynamoDbLocal.Template.Tables,
    Progress = new Progress<string>(Console.WriteLine),
});
var dynamoEnvironment = new Dictionary<string, string>
{
    ["TABLE_NAME"] = SharedDynamoDbLocal.ItemsTable.TableName,
    ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoDb.Endpoint.ToString(),
};
var dotnetLogging = new Dictionary<string, string> { ["AWS_LAMBDA_LOG_FORMAT"] = "JSON" };
// BENCH_DOTNET_ENV="DOTNET_TieredPGO=0;DOTNET_gcConcurrent=0" adds runtime settings to the .NET targets (for experiments).
foreach (var setting in (System.Environment.GetEnvironmentVariable("BENCH_DOTNET_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
    dotnetLogging[setting.Split('=')[0]] = setting[(setting.IndexOf('=', StringComparison.Ordinal) + 1)..];
string Event(string file) => RepositoryFiles.ReadEvent(file);
// A .NET function gets what the emulator would give it at 128 MB: the template's variables and Lambda's heap limit.
Target Dotnet(string name, string group, string project, string? eventFile, Dictionary<string, string>? environment = null)
{
    var settings = new Dictionary<string, string>(dotnetLogging) { ["DOTNET_GCHeapHardLimit"] = Backend.Local.Runtime.InstanceEnvironment.HeapLimit(128) };
    var function = SharedDynamoDbLocal.Template.Functions.FirstOrDefault(f => f.Handler == "Backend." + project);
    foreach (var (key, value) in (function?.Environment ?? new Dictionary<string, string>()).Concat(environment ?? [])) settings[key] = value;
    return new(name, group, "dotnet", ["exec", Path.Combine(publish, project, (project == "Floor" ? "Floor" : "Backend." + project) + ".dll")],
        Path.Combine(publish, project), settings, eventFile is null ? null : Event(eventFile));
}
Target Node(string name, string group, string folder, string eventFile, Dictionary<string, string>? environment = null) =>
    new(name, group, "node", [Path.Combine(node, "node_modules", "aws-lambda-ric", "bin", "index.mjs"), "index.handler"],
        Path.Combine(node, folder), new Dictionary<string, string>(environment ?? []) { ["_HANDLER"] = "index.handler" }, Event(eventFile));

Target[] targets =
[
    Dotnet("floor-dotnet", "floor", "Floor", null),
    Dotnet("calc", "calc", "Calc", "calc-direct.json"),
    Node("calc-node", "calc", "calc", "calc-direct.json"),
    Dotnet("random-number", "random", "RandomNumber", "random-get.json"),
    Dotnet("dynamodb-manager", "dynamodb", "DynamoDbManager", "dynamodb-direct-create-item.json", dynamoEnvironment),
    Node("dynamodb-manager-node", "dynamodb", "dynamodb-manager", "dynamodb-direct-create-item.json", dynamoEnvironment),
];

// BENCH_ONLY=calc,calc-node measures only those targets (for quick experiments).
if (System.Environment.GetEnvironmentVariable("BENCH_ONLY") is { Length: > 0 } only)
    targets = targets.Where(t => only.Split(',').Contains(t.Name)).ToArray();

var runner = new Runner(Console.Out);
var measured = new List<TargetResult>();
foreach (var target in targets)
{
    var checkpoints = target.Group is "calc" or "dynamodb" ? soak : [];
    measured.Add(await runner.RunAsync(target, coldStarts, warm, checkpoints));
}

await File.WriteAllTextAsync(Path.Combine(results, "runtime.csv"), Report.Csv(measured));
var markdown = Report.Markdown(measured);
await File.WriteAllTextAsync(Path.Combine(results, "runtime.md"), markdown);
Console.WriteLine();
Console.WriteLine(markdown);
