using Backend.Local.Building;

namespace Backend.Local.Tests.Reload;

/// <summary>Hot reload with Packaging=native: a save rebuilds the function's Native AOT bootstrap and serves it.</summary>
[Collection("native hot reload")]
public sealed class NativeHotReloadTests(NativeHotReloadFixture fixture)
{
    private const string Calculator = "src/Backend.Calc/Calculator.cs";
    private const string AddLine = "Operator.Add => a + b,";
    private const string Sum = "/prod/calc/1/2/%2B";

    [Fact]
    public async Task An_edit_of_Calc_is_rebuilt_as_a_bootstrap_and_served()
    {
        Assert.Equal(Packaging.Bootstrap, Path.GetFileName(fixture.Server.Assemblies["CalcFunction"]));
        await fixture.WaitForBodyAsync(Sum, "\"c\":3");
        var reloads = fixture.Count(@"^Reloaded CalcFunction in ");

        fixture.Copy.Edit(Calculator, AddLine, "Operator.Add => a + b + 1000,");
        // A Native AOT compile, on a machine the rest of the suite keeps busy: minutes, not seconds.
        await fixture.WaitForBodyAsync(Sum, "\"c\":1003", TimeSpan.FromMinutes(8));

        Assert.Equal(reloads + 1, fixture.Count(@"^Reloaded CalcFunction in "));
        var code = fixture.Server.Catalog.Find("CalcFunction")!.Latest.CodeDirectory;
        Assert.Equal([Packaging.Bootstrap], Directory.GetFiles(code).Select(Path.GetFileName));
        // Served by a bootstrap: its REPORT shows the few MB a native process uses, well under a managed one's ~30.
        Assert.Matches(@"(?m)^\[CalcFunction\] REPORT .*Max Memory Used: ([1-9]|1\d) MB", fixture.Output);
    }
}
