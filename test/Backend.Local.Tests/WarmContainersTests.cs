using Backend.Lambda.TestUtilities;
using Backend.Local.ControlPlane;
using Backend.Local.Hosting;

namespace Backend.Local.Tests;

/// <summary>--warm-containers EAGER: every function has an initialised instance before the first request, and again after a change.</summary>
public sealed class WarmContainersTests
{
    [Fact]
    public async Task Eager_starts_one_initialised_instance_per_function_whose_first_REPORT_carries_its_Init_Duration()
    {
        var template = TemplateFile.Load(RepositoryFiles.PathOf("template.yaml"));
        var console = new CapturedOutput();
        await using var server = await LocalServer.StartAsync(new LocalServerOptions
        {
            Template = template,
            ApiPort = 0,
            LambdaPort = null,
            InMemory = true,
            OnlyFunctions = ["CalcFunction", "RandomNumberFunction"],
            Assemblies = Prebuilt.Find(template.Model, AppContext.BaseDirectory),
            WarmContainers = true,
            Console = console,
        });

        // Ready before any request: one instance each, its init done.
        Assert.Matches(@"Warmed \d+ function\(s\) in \d+\.\d s \(--warm-containers EAGER\)", console.ToString());
        Assert.Equal(1, server.Functions.Find("CalcFunction")!.InstanceCount);
        Assert.Equal(1, server.Functions.Find("RandomNumberFunction")!.InstanceCount);

        using var api = new HttpClient { BaseAddress = server.ApiUrl };
        Assert.Contains("\"c\":3", await api.GetStringAsync("/prod/calc/1/2/%2B"));
        Assert.Contains("\"c\":3", await api.GetStringAsync("/prod/calc/1/2/%2B"));
        var reports = console.ToString().Split('\n').Where(l => l.StartsWith("[CalcFunction] REPORT", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, reports.Count);
        Assert.Contains("Init Duration: ", reports[0]);
        Assert.DoesNotContain("Init Duration: ", reports[1]);
        // The request was served by the pre-warmed instance, not a second one.
        Assert.Equal(1, server.Functions.Find("CalcFunction")!.InstanceCount);

        // A change (here, of memory) deploys a new $LATEST: it is warmed too, and the old instance stops.
        await server.Catalog.ChangeAsync(new FunctionAddress("CalcFunction", null), state => (state with { Latest = state.Latest with { MemorySize = 512 } }, 0));
        await server.Functions.WarmedAsync("CalcFunction");
        Assert.Equal(1, server.Functions.Find("CalcFunction")!.InstanceCount);
        Assert.Equal(512, server.Functions.Find("CalcFunction")!.Function.MemorySize);
    }

    [Fact]
    public async Task Lazy_the_default_starts_nothing_before_the_first_request()
    {
        var template = TemplateFile.Load(RepositoryFiles.PathOf("template.yaml"));
        await using var server = await LocalServer.StartAsync(new LocalServerOptions
        {
            Template = template,
            ApiPort = 0,
            LambdaPort = null,
            InMemory = true,
            OnlyFunctions = ["RandomNumberFunction"],
            Assemblies = Prebuilt.Find(template.Model, AppContext.BaseDirectory),
            Console = TextWriter.Null,
        });

        Assert.Equal(0, server.Functions.Find("RandomNumberFunction")!.InstanceCount);
    }
}
