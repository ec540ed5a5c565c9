using System.Text.Json;
using Backend.Lambda.TestUtilities;

namespace Backend.Calc.Tests;

/// <summary>Program.cs's wiring: the built executable answers through the Runtime API.</summary>
public sealed class CalcProcessTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_built_executable_serves_api_and_direct_invocations_and_reports_errors()
    {
        await using var api = await FakeRuntimeApi.StartAsync("Calc");
        await using var process = FunctionProcess.Start("Backend.Calc", api.Address);

        var proxied = await api.InvokeAsync(RepositoryFiles.ReadEvent("calc-post.json")).WaitAsync(Wait);
        var direct = await api.InvokeAsync(RepositoryFiles.ReadEvent("calc-direct.json")).WaitAsync(Wait);
        var failed = await api.InvokeAsync(RepositoryFiles.ReadEvent("calc-direct-invalid-operator.json")).WaitAsync(Wait);

        using var response = JsonDocument.Parse(proxied.Body);
        Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("""{"a":1,"b":2,"op":"+","c":3}""", response.RootElement.GetProperty("body").GetString());
        Assert.Equal("""{"a":1,"b":2,"op":"+","c":3}""", direct.BodyText);
        Assert.True(failed.IsError);
        using var error = JsonDocument.Parse(failed.Body);
        Assert.Equal("400 Invalid Operator", error.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("CalcInputException", error.RootElement.GetProperty("errorType").GetString());

        api.ShutDown();
        Assert.Equal(0, await process.WaitForExitAsync(Wait));
    }
}
