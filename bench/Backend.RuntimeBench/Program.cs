using System.Globalization;
using Backend.Lambda.TestUtilities;
using Backend.RuntimeBench;

// Usage: Backend.RuntimeBench <publish-dir> <node-dir> <results-dir> [cold-starts] [warm] [soak checkpoints, e.g. 10000,20000]
// publish-dir holds Floor/, Calc/, RandomNumber/, DynamoDbManager/ (managed: dotnet publish -c Release -r linux-x64),
// native/<function>/bootstrap (-p:Packaging=native) and build-seconds.tsv (function, packaging, seconds), as
// bench/run.sh leaves them; node-dir holds the tutorials' Node.js functions with node_modules (aws-lambda-ric, aws-sdk).
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
// How long each publish took (bench/run.sh times them); a missing file or line leaves the figure out.
var buildSeconds = File.Exists(Path.Combine(publish, "build-seconds.tsv"))
    ? File.ReadAllLines(Path.Combine(publish, "build-seconds.tsv")).Select(line => line.Split('\t')).Where(f => f.Length == 3)
        .ToDictionary(f => (f[0], f[1]), f => double.Parse(f[2], CultureInfo.InvariantCulture))
    : [];
// A .NET function gets what the emulator would give it at 128 MB: the template's variables and Lambda's heap limit
// (the emulator sets DOTNET_GCHeapHardLimit for the provided runtimes too: Native AOT's GC reads it as well).
Dictionary<string, string> DotnetEnvironment(string project, Dictionary<string, string>? environment)
{
    var settings = new Dictionary<string, string>(dotnetLogging) { ["DOTNET_GCHeapHardLimit"] = Backend.Local.Runtime.InstanceEnvironment.HeapLimit(128) };
    var function = SharedDynamoDbLocal.Template.Functions.FirstOrDefault(f => f.Handler == "Backend." + project);
    foreach (var (key, value) in (function?.Environment ?? new Dictionary<string, string>()).Concat(environment ?? [])) settings[key] = value;
    return settings;
}
Target Floor() =>
    new("floor-dotnet", "floor", Kind.Floor, "dotnet", ["exec", Path.Combine(publish, "Floor", "Floor.dll")], Path.Combine(publish, "Floor"), DotnetEnvironment("Floor", null), null);
// The dotnet10 runtime: `dotnet exec` of the ReadyToRun publish folder, all of which is the package.
Target Managed(string name, string group, string project, string eventFile, Dictionary<string, string>? environment = null)
{
    var folder = Path.Combine(publish, project);
    return new(name, group, Kind.Managed, "dotnet", ["exec", Path.Combine(folder, "Backend." + project + ".dll")], folder,
        DotnetEnvironment(project, environment), Event(eventFile),
        Package.Folder("the publish folder, all of it (assemblies, ReadyToRun code, .pdb, .deps.json, .runtimeconfig.json)", folder),
        buildSeconds.TryGetValue((project, "managed"), out var seconds) ? seconds : null);
}
// provided.al2023: the bootstrap executable alone is the package (its .dbg symbols and the .pdb stay behind).
Target Native(string name, string group, string project, string eventFile, Dictionary<string, string>? environment = null)
{
    var folder = Path.Combine(publish, "native", project);
    var bootstrap = Path.Combine(folder, "bootstrap");
    return new(name, group, Kind.Native, bootstrap, [], folder, DotnetEnvironment(project, environment), Event(eventFile),
        Package.File("bootstrap only (no .dbg, no .pdb)", bootstrap),
        buildSeconds.TryGetValue((project, "native"), out var seconds) ? seconds : null);
}
// The Node.js runtime's package: the function's folder and the node_modules it runs with here, every file of both.
Target Node(string name, string group, string folder, string eventFile, Dictionary<string, string>? environment = null) =>
    new(name, group, Kind.Node, "node", [Path.Combine(node, "node_modules", "aws-lambda-ric", "bin", "index.mjs"), "index.handler"],
        Path.Combine(node, folder), new Dictionary<string, string>(environment ?? []) { ["_HANDLER"] = "index.handler" }, Event(eventFile),
        Package.Folders($"{folder}/ and all of node_modules/ as installed (aws-lambda-ric with its native build, aws-sdk, their dependencies)",
            (Path.Combine(node, folder), ""), (Path.Combine(node, "node_modules"), "node_modules/")));

Target[] targets =
[
    Floor(),
    Managed("calc", "Calc", "Calc", "calc-direct.json"),
    Native("calc-native", "Calc", "Calc", "calc-direct.json"),
    Node("calc-node", "Calc", "calc", "calc-direct.json"),
    Managed("random-number", "RandomNumber", "RandomNumber", "random-get.json"),
    Native("random-number-native", "RandomNumber", "RandomNumber", "random-get.json"),
    Managed("dynamodb-manager", "DynamoDBManager", "DynamoDbManager", "dynamodb-direct-create-item.json", dynamoEnvironment),
    Native("dynamodb-manager-native", "DynamoDBManager", "DynamoDbManager", "dynamodb-direct-create-item.json", dynamoEnvironment),
    Node("dynamodb-manager-node", "DynamoDBManager", "dynamodb-manager", "dynamodb-direct-create-item.json", dynamoEnvironment),
];

// BENCH_ONLY=calc,calc-node measures only those targets (for quick experiments).
if (System.Environment.GetEnvironmentVariable("BENCH_ONLY") is { Length: > 0 } only)
    targets = targets.Where(t => only.Split(',').Contains(t.Name)).ToArray();

var runner = new Runner(Console.Out);
var measured = new List<TargetResult>();
foreach (var target in targets)
{
    var checkpoints = target.Group is "Calc" or "DynamoDBManager" ? soak : [];
    var result = await runner.RunAsync(target, coldStarts, warm, checkpoints);
    result.ZipBytes = target.Package?.ZipBytes();
    measured.Add(result);
}

var soakNote = soak.Length > 0 ? $" and, for Calc and DynamoDBManager, a soak to {soak.Max()} invocations" : "";
var settings = string.Create(CultureInfo.InvariantCulture, $"""
    - {System.Environment.ProcessorCount} cores, every function at 128 MB. Cold start: the median of {coldStarts} new processes, to the first response (DynamoDBManager: its first PutItem to DynamoDB Local included).
    - Warm: {warm} invocations in a row on the last process, each a round trip through the harness's Runtime API on loopback.
    - Peak RSS: VmHWM of that process after its warm invocations{soakNote}.
    - Package zip: the files named in the last table, deflated; MB of 2^20 bytes.
    - Publish s: wall time of `dotnet publish -c Release -r linux-x64` (managed: ReadyToRun; native: -p:Packaging=native) once restore and Backend.Lambda were built and the function's own bin/ and obj/ output for that build was removed (bench/run.sh), on a machine that may be shared. Node.js has no build step.
    """);
await File.WriteAllTextAsync(Path.Combine(results, "runtime.csv"), Report.Csv(measured));
var markdown = Report.Markdown(measured, settings);
await File.WriteAllTextAsync(Path.Combine(results, "runtime.md"), markdown);
Console.WriteLine();
Console.WriteLine(markdown);
