using System.Diagnostics;
using System.Text.Json;
using Backend.Lambda.TestUtilities;

namespace Backend.Local.Tests.ControlPlane;

/// <summary>The packages' entry points, unpacked and run against a fake Runtime API as Lambda would start them.</summary>
public class TestZipsRunTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_shell_echo_bootstrap_answers_each_invocation_with_its_marker_and_the_event()
    {
        // A path prefix after host:port, as the emulator's AWS_LAMBDA_RUNTIME_API has.
        await using var api = await FakeRuntimeApi.StartAsync("runtime-prefix/instance-1");
        using var package = new ExtractedPackage(TestZips.ShellEchoBootstrap("v7"));
        var bootstrap = package.Start(package.PathOf("bootstrap"), new Dictionary<string, string?> { ["AWS_LAMBDA_RUNTIME_API"] = api.Address });
        var error = bootstrap.StandardError.ReadToEndAsync();
        _ = bootstrap.StandardOutput.ReadToEndAsync();

        var first = await api.InvokeAsync("""{"n":1,"text":"a b %s"}""").WaitAsync(Patience);
        var second = await api.InvokeAsync("""[1,2]""").WaitAsync(Patience);
        api.ShutDown();
        await bootstrap.WaitForExitAsync().WaitAsync(Patience);

        using var firstBody = JsonDocument.Parse(first.Body);
        Assert.Equal("v7", firstBody.RootElement.GetProperty("marker").GetString());
        Assert.Equal("a b %s", firstBody.RootElement.GetProperty("event").GetProperty("text").GetString());
        Assert.Equal("""{"marker":"v7","event":[1,2]}""", second.BodyText);
        Assert.False(first.IsError);
        Assert.Contains($"echo bootstrap v7 handling {first.RequestId}", await error);
    }

    [Fact]
    public async Task The_calc_package_runs_from_its_own_folder()
    {
        await using var api = await FakeRuntimeApi.StartAsync("runtime-prefix/instance-2");
        using var package = new ExtractedPackage(TestZips.DotnetCalc());
        var calc = StartDotnet(package, api.Address);
        var log = Task.WhenAll(calc.StandardOutput.ReadToEndAsync(), calc.StandardError.ReadToEndAsync());

        var outcome = await api.InvokeAsync("""{"a":1,"b":2,"op":"+"}""").WaitAsync(Patience);
        api.ShutDown();
        await calc.WaitForExitAsync().WaitAsync(Patience);

        Assert.False(outcome.IsError, outcome.BodyText + string.Concat(await log));
        Assert.Equal("""{"a":1,"b":2,"op":"+","c":3}""", outcome.BodyText);
    }

    [Fact]
    public async Task The_calc_package_without_a_runtime_api_says_so_rather_than_missing_an_assembly()
    {
        using var package = new ExtractedPackage(TestZips.DotnetCalc());
        var calc = StartDotnet(package, runtimeApi: null);
        var error = calc.StandardError.ReadToEndAsync();
        var output = calc.StandardOutput.ReadToEndAsync();

        await calc.WaitForExitAsync().WaitAsync(Patience);

        Assert.NotEqual(0, calc.ExitCode);
        Assert.Contains("AWS_LAMBDA_RUNTIME_API is not set", await error + await output);
    }

    private static Process StartDotnet(ExtractedPackage package, string? runtimeApi) =>
        package.Start("dotnet", new Dictionary<string, string?> { ["AWS_LAMBDA_RUNTIME_API"] = runtimeApi }, "exec", package.PathOf("Backend.Calc.dll"));
}
