using Backend.Local.Building;

namespace Backend.Local.Tests.Reload;

/// <summary>A function's build is redone at start only when something it is built from changed.</summary>
public sealed class BuildStampTests : IDisposable
{
    private readonly ProjectCopy _copy = new();

    private string Calc => _copy.PathOf("src/Backend.Calc/Backend.Calc.csproj");

    [Fact]
    public void The_stamp_changes_with_a_source_of_the_project_or_of_a_reference_or_a_build_file_above_and_not_with_build_output()
    {
        var stamp = BuildStamp.Compute(Calc, "publish");
        Assert.Equal(stamp, BuildStamp.Compute(Calc, "publish"));
        Assert.NotEqual(stamp, BuildStamp.Compute(Calc, "publish -c Debug"));

        Directory.CreateDirectory(_copy.PathOf("src/Backend.Calc/obj"));
        File.WriteAllText(_copy.PathOf("src/Backend.Calc/obj/project.assets.json"), "{}");
        Directory.CreateDirectory(_copy.PathOf("src/Backend.Lambda/bin"));
        File.WriteAllText(_copy.PathOf("src/Backend.Lambda/bin/Backend.Lambda.dll"), "x");
        Assert.Equal(stamp, BuildStamp.Compute(Calc, "publish"));

        foreach (var input in new[] { "src/Backend.Calc/Calculator.cs", "src/Backend.Lambda/Core/ILambdaContext.cs", "Directory.Packages.props", "src/Directory.Build.targets" })
        {
            var path = _copy.PathOf(input);
            File.AppendAllText(path, "\n");
            var changed = BuildStamp.Compute(Calc, "publish");
            Assert.NotEqual(stamp, changed);
            stamp = changed;
        }
        // Another function's project is not an input.
        File.AppendAllText(_copy.PathOf("src/Backend.Books/Book.cs"), "\n");
        Assert.Equal(stamp, BuildStamp.Compute(Calc, "publish"));
    }

    [Fact]
    public void A_stamp_is_current_only_beside_an_output_that_is_there()
    {
        var output = _copy.PathOf(".local/functions/Backend.Calc");
        Assert.False(BuildStamp.IsCurrent(output, "abc"));
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "Backend.Calc.dll"), "x");
        BuildStamp.Write(output, "abc");
        Assert.True(BuildStamp.IsCurrent(output, "abc"));
        Assert.False(BuildStamp.IsCurrent(output, "abd"));
        File.Delete(Path.Combine(output, "Backend.Calc.dll"));
        Assert.False(BuildStamp.IsCurrent(output, "abc"));
    }

    public void Dispose() => _copy.Dispose();
}
