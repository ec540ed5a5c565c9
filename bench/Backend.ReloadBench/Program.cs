using System.Diagnostics;
using Backend.ReloadBench;

// Usage: Backend.ReloadBench [results-dir=bench/results]
// Needs the emulator built first: dotnet build src/Backend.Local -c Release (bench/run.sh does it).
var repository = RepositoryRoot();
var results = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine(repository, "bench", "results"));
var emulatorDll = Path.Combine(repository, "src", "Backend.Local", "bin", "Release", "net10.0", "Backend.Local.dll");
if (!File.Exists(emulatorDll))
{
    Console.Error.WriteLine($"{emulatorDll} is missing: run `dotnet build src/Backend.Local -c Release` first.");
    return 1;
}
var wrkScript = Path.Combine(repository, "bench", "wrk-report.lua");
Directory.CreateDirectory(results);

var copy = await RepositoryCopy.CreateAsync(repository);
Console.Error.WriteLine($"Copy: {copy.Root}; starting the emulator ...");
var started = Stopwatch.StartNew();
Emulator? emulator = null;
Leftovers? leftovers = null;
IReadOnlyList<Reload> calc, template;
IReadOnlyList<SharedLibraryReload> shared;
UnderLoad load;
TimeSpan startup, stop;
try
{
    emulator = Emulator.Start(emulatorDll, copy.PathOf("template.yaml"));
    leftovers = new Leftovers(emulator.ProcessId, copy.Root);
    await emulator.WaitUntilReadyAsync(TimeSpan.FromMinutes(5));
    startup = started.Elapsed;
    Console.Error.WriteLine($"Ready in {startup.TotalSeconds:F1} s (API {emulator.ApiUrl}, Lambda API {emulator.LambdaUrl}).");
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    var probes = new Probes(http, emulator);
    var edits = new Edits(copy);

    Console.Error.WriteLine("Calc: one-line edits ...");
    calc = await CalcReloads.RunAsync(edits, probes, emulator, count: 5);
    Console.Error.WriteLine("src/Backend.Lambda: comment edits ...");
    shared = await SharedLibraryReloads.RunAsync(edits, probes, emulator, count: 3);
    Console.Error.WriteLine("template.yaml: ALLOWED_ORIGIN ...");
    template = await TemplateReloads.RunAsync(edits, probes, emulator, count: 5);
    Console.Error.WriteLine("Calc under load (wrk) ...");
    load = await ReloadsUnderLoad.RunAsync(edits, probes, emulator, wrkScript, count: 10);
}
finally
{
    // Stopped and removed on failure too: a failed run must leave nothing behind either.
    leftovers?.RememberTree();
    stop = emulator is null ? TimeSpan.Zero : await emulator.StopAsync();
    if (emulator is not null) await emulator.DisposeAsync();
    copy.Dispose();
}
var remaining = await leftovers!.CheckAsync();

var report = new Report(calc, shared, template, load, startup, stop, remaining, CopyRemoved: !Directory.Exists(copy.Root));
var markdown = report.ToMarkdown();
await File.WriteAllTextAsync(Path.Combine(results, "reload.md"), markdown);
Console.WriteLine(markdown);
return 0;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Backend.sln"))) return dir.FullName;
    }
    throw new DirectoryNotFoundException($"no Backend.sln above {AppContext.BaseDirectory}");
}
