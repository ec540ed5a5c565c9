using Backend.DynamoDbLocal;
using Backend.Local.Hosting;

namespace Backend.Local.Tests.Reload;

/// <summary>A build that hangs is stopped after the build timeout, with what it started; the previous build goes on serving.</summary>
public sealed class BuildTimeoutTests
{
    // Before the restore, the build's first step: on a loaded machine the hang is reached in seconds, well within the timeout.
    private const string Hang = """<Target Name="HangForTheTest" BeforeTargets="Restore"><Exec Command="sleep 301" /></Target></Project>""";

    [Fact]
    public async Task A_hung_build_is_stopped_and_killed_and_the_previous_build_serves_on()
    {
        using var copy = new ProjectCopy();
        var template = TemplateFile.Load(copy.PathOf("template.yaml"));
        var console = new CapturedOutput();
        string builds;
        string compilerPipe;
        await using (var server = await LocalServer.StartAsync(new LocalServerOptions
        {
            Template = template,
            ApiPort = 0,
            LambdaPort = null,
            InMemory = true,
            OnlyFunctions = ["CalcFunction"],
            // Built beside the tests: the start builds nothing, so the first rebuild restores and builds the references too.
            Assemblies = Prebuilt.Find(template.Model, AppContext.BaseDirectory),
            Watch = true,
            BuildTimeout = TimeSpan.FromSeconds(40),
            Console = console,
        }))
        {
            using var api = new HttpClient { BaseAddress = server.ApiUrl };
            Assert.Contains("\"c\":3", await api.GetStringAsync("/prod/calc/1/2/%2B"));
            builds = Path.Combine(copy.Root, ".local", "functions", "reloads", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            compilerPipe = server.Reload!.Compiler.PipeName;

            copy.Edit("src/Backend.Calc/Backend.Calc.csproj", "</Project>", Hang);
            // The build reached the hanging step ...
            await WaitAsync(() => SleepProcesses().Count > 0, TimeSpan.FromMinutes(2), () => console.ToString());
            // ... and is stopped at the timeout, with the process it started.
            await WaitAsync(() => console.ToString().Contains("Build of CalcFunction did not finish in 40 s and was stopped: still serving the previous build", StringComparison.Ordinal),
                TimeSpan.FromMinutes(2), () => console.ToString());
            await WaitAsync(() => SleepProcesses().Count == 0, TimeSpan.FromSeconds(10), () => "sleep 301 is still running");
            Assert.Contains("\"c\":3", await api.GetStringAsync("/prod/calc/1/2/%2B"));
            Assert.DoesNotContain("Reloaded CalcFunction", console.ToString(), StringComparison.Ordinal);
        }
        // Stopped: its builds are removed and its compiler server is gone.
        Assert.False(Directory.Exists(builds), $"{builds} is left");
        Assert.Empty(ProcessesWhoseCommandLineHas($"-pipename:{compilerPipe}"));
    }

    private static List<int> SleepProcesses() => ProcessesWhoseCommandLineHas("sleep", "301");

    private static List<int> ProcessesWhoseCommandLineHas(params string[] arguments) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && ProcFs.IsRunning(pid) && arguments.All(ProcFs.CommandLine(pid).Contains))
            .ToList();

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, Func<string> why)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail(why());
            await Task.Delay(100);
        }
    }
}
