using System.Text.Json;
using Backend.Lambda.TestUtilities;

namespace Backend.DynamoDbManager.Tests;

/// <summary>Program.cs's wiring: the built executable, its one DynamoDB client, DynamoDB Local.</summary>
public sealed class DynamoDbManagerProcessTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static async Task<Dictionary<string, string>> EnvironmentAsync() => new()
    {
        ["TABLE_NAME"] = SharedDynamoDbLocal.ItemsTable.TableName,
        ["AWS_ENDPOINT_URL_DYNAMODB"] = (await SharedDynamoDbLocal.GetAsync()).Endpoint.ToString(),
        ["AWS_ACCESS_KEY_ID"] = "local",
        ["AWS_SECRET_ACCESS_KEY"] = "local",
        ["AWS_REGION"] = "us-east-1",
    };

    private static JsonElement ProxyBody(InvocationOutcome outcome, int expectedStatus)
    {
        Assert.False(outcome.IsError, outcome.BodyText);
        using var response = JsonDocument.Parse(outcome.Body);
        Assert.Equal(expectedStatus, response.RootElement.GetProperty("statusCode").GetInt32());
        return JsonDocument.Parse(response.RootElement.GetProperty("body").GetString()!).RootElement;
    }

    [Fact]
    public async Task The_built_executable_runs_every_tutorial_payload_against_DynamoDB_Local()
    {
        await using var api = await FakeRuntimeApi.StartAsync("DynamoDbManager");
        await using var process = FunctionProcess.Start("Backend.DynamoDbManager", api.Address, await EnvironmentAsync());

        var createItem = await api.InvokeAsync(RepositoryFiles.ReadEvent("dynamodb-direct-create-item.json")).WaitAsync(Wait);
        var echo = await api.InvokeAsync(RepositoryFiles.ReadEvent("dynamodb-direct-echo.json")).WaitAsync(Wait);
        var create = await api.InvokeAsync(RepositoryFiles.ReadEvent("dynamodb-create.json")).WaitAsync(Wait);
        var read = await api.InvokeAsync(RepositoryFiles.ReadEvent("dynamodb-read.json")).WaitAsync(Wait);
        var update = await api.InvokeAsync(RepositoryFiles.ReadEvent("dynamodb-update.json")).WaitAsync(Wait);
        var list = await api.InvokeAsync(RepositoryFiles.ReadEvent("dynamodb-list.json")).WaitAsync(Wait);
        var ping = await api.InvokeAsync(RepositoryFiles.ReadEvent("dynamodb-ping.json")).WaitAsync(Wait);
        var proxiedEcho = await api.InvokeAsync(RepositoryFiles.ReadEvent("dynamodb-echo.json")).WaitAsync(Wait);
        var delete = await api.InvokeAsync(RepositoryFiles.ReadEvent("dynamodb-delete.json")).WaitAsync(Wait);
        var forbidden = await api.InvokeAsync("""{"operation":"read","tableName":"other","payload":{"Key":{"id":"1"}}}""").WaitAsync(Wait);

        Assert.Equal("{}", createItem.BodyText);
        Assert.Equal("""{"somekey1":"somevalue1","somekey2":"somevalue2"}""", echo.BodyText);
        Assert.Equal(JsonValueKind.Object, ProxyBody(create, 200).ValueKind);
        Assert.Equal("Bob", ProxyBody(read, 200).GetProperty("Item").GetProperty("name").GetString());
        Assert.Equal("Alice", ProxyBody(update, 200).GetProperty("Attributes").GetProperty("name").GetString());
        Assert.True(ProxyBody(list, 200).GetProperty("Count").GetInt32() >= 1);
        Assert.Equal("pong", ProxyBody(ping, 200).GetString());
        Assert.Equal("somevalue2", ProxyBody(proxiedEcho, 200).GetProperty("somekey2").GetString());
        Assert.Equal("Alice", ProxyBody(delete, 200).GetProperty("Attributes").GetProperty("name").GetString());
        Assert.True(forbidden.IsError);
        Assert.Equal("ForbiddenException", forbidden.ErrorType);
        using (var error = JsonDocument.Parse(forbidden.Body))
        {
            Assert.Equal("table 'other' is not served here", error.RootElement.GetProperty("errorMessage").GetString());
        }

        api.ShutDown();
        Assert.Equal(0, await process.WaitForExitAsync(Wait));
    }

    [Fact]
    public async Task Without_TABLE_NAME_init_fails_with_a_clear_error()
    {
        var environment = await EnvironmentAsync();
        environment.Remove("TABLE_NAME");
        await using var api = await FakeRuntimeApi.StartAsync();
        await using var process = FunctionProcess.Start("Backend.DynamoDbManager", api.Address, environment);

        var initError = await api.InitError.WaitAsync(Wait);

        Assert.Equal(1, await process.WaitForExitAsync(Wait));
        Assert.Contains("TABLE_NAME is not set", initError.BodyText);
    }
}
