using Backend.Lambda.TestUtilities;
using Backend.Local.Reload;
using Backend.Template;

namespace Backend.Local.Tests.Reload;

/// <summary>What a saved file of this repository rebuilds, from template.yaml and the projects' references.</summary>
public sealed class WatchPlanTests
{
    private static readonly string Root = RepositoryFiles.Root;
    private static readonly WatchPlan Plan = WatchPlan.For(RepositoryFiles.PathOf("template.yaml"), Root, SamTemplate.Load(RepositoryFiles.PathOf("template.yaml")).Functions);

    private static string Src(string path) => Path.Combine(Root, "src", path);

    private static IEnumerable<string> Rebuilt(params string[] paths) => Plan.ProjectsToRebuild(paths).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    [Fact]
    public void The_repository_is_watched_with_two_folders_its_root_and_src()
    {
        Assert.Equal([new WatchedFolder(Root, false), new WatchedFolder(Path.Combine(Root, "src"), true)], Plan.Folders);
    }

    [Fact]
    public void A_function_source_rebuilds_that_function_only()
    {
        Assert.Equal(["Backend.Calc"], Rebuilt(Src("Backend.Calc/Calculator.cs")));
        Assert.Equal(["Backend.Books"], Rebuilt(Src("Backend.Books/Backend.Books.csproj")));
    }

    [Fact]
    public void A_source_of_a_referenced_project_rebuilds_every_function_that_references_it()
    {
        Assert.Equal(["Backend.Authorizer", "Backend.Books", "Backend.Calc", "Backend.DynamoDbManager", "Backend.RandomNumber"], Rebuilt(Src("Backend.Lambda/Core/ILambdaContext.cs")));
        Assert.True(Plan.ReachesReferences(Src("Backend.Calc/Backend.Calc.csproj"), [Src("Backend.Lambda/Core/ILambdaContext.cs")]));
        Assert.False(Plan.ReachesReferences(Src("Backend.Calc/Backend.Calc.csproj"), [Src("Backend.Calc/Calculator.cs")]));
    }

    [Fact]
    public void Build_files_above_the_projects_rebuild_them_all()
    {
        Assert.Equal(5, Rebuilt(Path.Combine(Root, "Directory.Packages.props")).Count());
        Assert.Equal(5, Rebuilt(Src("Directory.Build.targets")).Count());
    }

    [Fact]
    public void Files_no_build_reads_and_projects_no_function_uses_rebuild_nothing()
    {
        Assert.Empty(Rebuilt(Src("Backend.Calc/NOTES.md")));
        Assert.Empty(Rebuilt(Path.Combine(Root, "README.md")));
        Assert.Empty(Rebuilt(Src("Backend.Template/SamTemplate.cs")));
        Assert.Empty(Rebuilt(Path.Combine(Root, "test", "Backend.Calc.Tests", "CalcFunctionTests.cs")));
    }

    [Fact]
    public void Template_yaml_is_a_template_change_not_a_build()
    {
        Assert.True(Plan.TemplateChanged([RepositoryFiles.PathOf("template.yaml")]));
        Assert.False(Plan.TemplateChanged([Src("Backend.Calc/Calculator.cs")]));
        Assert.Empty(Rebuilt(RepositoryFiles.PathOf("template.yaml")));
    }

    [Theory]
    [InlineData("src/Backend.Calc/Backend.Calc.csproj", true)]
    [InlineData("Directory.Packages.props", true)]
    [InlineData("global.json", true)]
    [InlineData("src/Backend.Calc/Calculator.cs", false)]
    [InlineData("src/Backend.Calc/sedAb12Cd", false)]
    public void Only_project_and_build_files_need_a_restore(string path, bool restore)
    {
        Assert.Equal(restore, WatchPlan.ChangesRestore(Path.Combine(Root, path)));
    }

    [Theory]
    [InlineData("src/Backend.Calc/obj/Release/net10.0/Backend.Calc.dll", true)]
    [InlineData("src/Backend.Calc/bin/Release/x.json", true)]
    [InlineData("src/Backend.Calc/.#Calculator.cs", true)]
    [InlineData("src/Backend.Calc/Calculator.cs~", true)]
    [InlineData("src/Backend.Calc/.Calculator.cs.swp", true)]
    [InlineData("src/Backend.Calc/4913", true)]
    [InlineData("src/Backend.Calc/Calculator.cs", false)]
    public void Build_output_and_editor_scratch_files_are_noise(string path, bool noise)
    {
        Assert.Equal(noise, SourceWatcher.IsNoise(Path.Combine(Root, path)));
    }
}
