using System.Reflection;
using System.Runtime.Loader;

namespace Backend.Local.Tests.Reload;

/// <summary>
/// The start's build, as the hot-reload fixture's start ran it on a fresh copy of the repository: Calc and Books,
/// which share Backend.Lambda, published by one `dotnet publish` of a solution made for them.
/// </summary>
[Collection("hot reload")]
public sealed class StartBuildTests(HotReloadFixture fixture)
{
    [Fact]
    public void Each_function_has_its_building_and_built_lines()
    {
        foreach (var function in new[] { "CalcFunction", "BooksFunction" })
        {
            Assert.Matches($@"(?m)^Building {function} \(src/Backend\.\w+/Backend\.\w+\.csproj\) \.\.\.$", fixture.Output);
            Assert.Matches($@"(?m)^Built {function} in \d+\.\d s$", fixture.Output);
        }
        // One build for both: both were started before either was done.
        Assert.True(fixture.Output.IndexOf("Building BooksFunction", StringComparison.Ordinal) < fixture.Output.IndexOf("Built CalcFunction", StringComparison.Ordinal), fixture.Output);
    }

    [Theory]
    [InlineData("Backend.Calc")]
    [InlineData("Backend.Books")]
    public void Every_assembly_published_with_a_function_is_a_Release_build_the_shared_reference_too(string project)
    {
        var output = fixture.Copy.PathOf($".local/functions/{project}");
        Assert.True(File.Exists(Path.Combine(output, project + ".dll")), $"{output} holds no {project}.dll");
        var context = new AssemblyLoadContext("published", isCollectible: true);
        try
        {
            foreach (var name in new[] { project, "Backend.Lambda" })
            {
                var assembly = context.LoadFromAssemblyPath(Path.Combine(output, name + ".dll"));
                Assert.Equal("Release", assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration);
            }
        }
        finally
        {
            context.Unload();
        }
        // The solution made for the build is not left behind.
        Assert.False(File.Exists(fixture.Copy.PathOf(".local/functions/start.slnx")));
    }
}
