using System.Diagnostics;
using System.Reflection;
using Backend.DynamoDbLocal;
using Backend.Lambda.RuntimeSupport;
using Backend.Local.Hosting;
using Backend.Template;

namespace Backend.Local.Tests;

/// <summary>
/// README's command is `dotnet run`, a Debug build: the emulator and the libraries it runs must still be compiled
/// optimized (src/Directory.Build.props), or every request is served through unoptimized code. These tests run
/// against the Debug build too, so they see what that command runs.
/// </summary>
public class OptimizedBuildTests
{
    [Fact]
    public void The_emulator_runs_optimized_code_in_every_configuration()
    {
        Assembly[] emulator = [typeof(LocalServer).Assembly, typeof(SamTemplate).Assembly, typeof(DynamoDbLocalServer).Assembly, typeof(RuntimeApiHeaders).Assembly];
        var unoptimized = emulator.Where(a => a.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled ?? false).Select(a => a.GetName().Name);
        Assert.Empty(unoptimized);
    }
}
