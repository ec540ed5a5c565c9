using System.Text.Json;
using Backend.Lambda.TestUtilities;

namespace Backend.Authorizer.Tests;

/// <summary>Program.cs's wiring: the built executable reads AUTH_TOKEN and answers through the Runtime API.</summary>
public sealed class TokenAuthorizerProcessTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_built_executable_allows_the_configured_token_and_reports_Unauthorized()
    {
        await using var api = await FakeRuntimeApi.StartAsync("Authorizer");
        await using var process = FunctionProcess.Start("Backend.Authorizer", api.Address, new Dictionary<string, string> { [TokenAuthorizer.TokenVariable] = "change-me" });

        var allowed = await api.InvokeAsync(RepositoryFiles.ReadEvent("authorizer-token.json")).WaitAsync(Wait);
        var refused = await api.InvokeAsync(RepositoryFiles.ReadEvent("authorizer-token-malformed.json")).WaitAsync(Wait);

        using var policy = JsonDocument.Parse(allowed.Body);
        Assert.Equal("Allow", policy.RootElement.GetProperty("policyDocument").GetProperty("Statement")[0].GetProperty("Effect").GetString());
        Assert.True(refused.IsError);
        using var error = JsonDocument.Parse(refused.Body);
        Assert.Equal("Unauthorized", error.RootElement.GetProperty("errorMessage").GetString());

        api.ShutDown();
        Assert.Equal(0, await process.WaitForExitAsync(Wait));
    }
}
