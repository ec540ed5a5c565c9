using System.Text.Json;
using Backend.Lambda.TestUtilities;

namespace Backend.RandomNumber.Tests;

/// <summary>Program.cs's wiring: the built executable answers through the Runtime API.</summary>
public sealed class RandomNumberProcessTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_built_executable_answers_an_http_api_event()
    {
        await using var api = await FakeRuntimeApi.StartAsync("RandomNumber");
        await using var process = FunctionProcess.Start("Backend.RandomNumber", api.Address);

        var outcome = await api.InvokeAsync(RepositoryFiles.ReadEvent("random-get.json")).WaitAsync(Wait);
        var bad = await api.InvokeAsync(RepositoryFiles.ReadEvent("random-get-invalid.json")).WaitAsync(Wait);

        Assert.False(outcome.IsError, outcome.BodyText);
        using var response = JsonDocument.Parse(outcome.Body);
        Assert.Equal(200, response.RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal("no-store", response.RootElement.GetProperty("headers").GetProperty("Cache-Control").GetString());
        using var body = JsonDocument.Parse(response.RootElement.GetProperty("body").GetString()!);
        Assert.InRange(body.RootElement.GetProperty("number").GetInt64(), 1, 100);
        using var badResponse = JsonDocument.Parse(bad.Body);
        Assert.Equal(400, badResponse.RootElement.GetProperty("statusCode").GetInt32());

        api.ShutDown();
        Assert.Equal(0, await process.WaitForExitAsync(Wait));
    }
}
