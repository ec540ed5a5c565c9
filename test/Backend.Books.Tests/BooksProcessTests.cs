using System.Text.Json;
using Backend.Lambda.TestUtilities;

namespace Backend.Books.Tests;

/// <summary>Program.cs's wiring: the built executable, its environment, DynamoDB Local, the fake Runtime API.</summary>
public sealed class BooksProcessTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static async Task<Dictionary<string, string>> EnvironmentAsync()
    {
        var local = await SharedDynamoDbLocal.GetAsync();
        var table = "books-process-" + Guid.NewGuid().ToString("N");
        await local.CreateTableAsync(SharedDynamoDbLocal.TableNamed(table));
        return new()
        {
            ["TABLE_NAME"] = table,
            ["ALLOWED_ORIGIN"] = "https://books.example.com",
            ["AWS_ENDPOINT_URL_DYNAMODB"] = local.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
            ["AWS_REGION"] = "us-east-1",
        };
    }

    private static JsonElement Response(InvocationOutcome outcome, int expectedStatus)
    {
        Assert.False(outcome.IsError, outcome.BodyText);
        var response = JsonDocument.Parse(outcome.Body).RootElement;
        Assert.Equal(expectedStatus, response.GetProperty("statusCode").GetInt32());
        Assert.Equal("https://books.example.com", response.GetProperty("headers").GetProperty("Access-Control-Allow-Origin").GetString());
        return response;
    }

    [Fact]
    public async Task The_built_executable_serves_the_event_files_and_refuses_direct_invocations()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        await using var process = FunctionProcess.Start("Backend.Books", api.Address, await EnvironmentAsync());

        var put = await api.InvokeAsync(RepositoryFiles.ReadEvent("books-put.json")).WaitAsync(Wait);
        var get = await api.InvokeAsync(RepositoryFiles.ReadEvent("books-get.json")).WaitAsync(Wait);
        var list = await api.InvokeAsync(RepositoryFiles.ReadEvent("books-list.json")).WaitAsync(Wait);
        var delete = await api.InvokeAsync(RepositoryFiles.ReadEvent("books-delete.json")).WaitAsync(Wait);
        var direct = await api.InvokeAsync("""{"title":"T","author":"A"}""").WaitAsync(Wait);

        Assert.Equal("\"1\"", Response(put, 201).GetProperty("headers").GetProperty("ETag").GetString());
        Assert.Contains("Donald E. Knuth", Response(get, 200).GetProperty("body").GetString());
        Assert.Contains("01JH8ZQ4R3T5V7W9X1Y2Z3A4B5", Response(list, 200).GetProperty("body").GetString());
        Assert.False(Response(delete, 204).TryGetProperty("body", out _));
        Assert.True(direct.IsError);
        Assert.Equal("BooksException", direct.ErrorType);

        api.ShutDown();
        Assert.Equal(0, await process.WaitForExitAsync(Wait));
    }

    [Fact]
    public async Task Without_TABLE_NAME_init_fails_with_a_clear_error()
    {
        var environment = await EnvironmentAsync();
        environment.Remove("TABLE_NAME");
        await using var api = await FakeRuntimeApi.StartAsync();
        await using var process = FunctionProcess.Start("Backend.Books", api.Address, environment);

        var initError = await api.InitError.WaitAsync(Wait);

        Assert.Equal(1, await process.WaitForExitAsync(Wait));
        Assert.Contains("TABLE_NAME is not set", initError.BodyText);
    }
}
