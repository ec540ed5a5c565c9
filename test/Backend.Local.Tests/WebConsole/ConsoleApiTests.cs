using System.Net;
using System.Text;
using System.Text.Json;

namespace Backend.Local.Tests.WebConsole;

/// <summary>What the console's API answers to bad input: a 4xx with {"message": …}, never a 5xx or a stack trace.</summary>
[Collection("console")]
public sealed class ConsoleApiTests(ConsoleFixture fixture)
{
    [Theory]
    [InlineData("POST", "/api/functions/CalcFunction/invoke", "{\"a\": 1,", 400, "The event is not valid JSON")]
    [InlineData("POST", "/api/functions/NoSuchFunction/invoke", "{}", 404, "No function named NoSuchFunction")]
    [InlineData("PUT", "/api/functions/CalcFunction/events/..%2Fescape", "{}", 400, "is not a name for a test event")]
    [InlineData("PUT", "/api/functions/CalcFunction/events/ok-name", "not json", 400, "The event is not valid JSON")]
    [InlineData("POST", "/api/apis/send", "{\"method\": \"GET\"}", 400, "A request is")]
    [InlineData("GET", "/api/tables/no-such-table/items", null, 404, "")]
    [InlineData("PUT", "/api/tables/lambda-apigateway/items", "{\"name\": \"no key\"}", 400, "One of the required keys was not given a value")]
    [InlineData("PUT", "/api/tables/lambda-apigateway/items", "[1, 2]", 400, "An item or a key is a JSON object")]
    [InlineData("GET", "/api/tables/lambda-apigateway/items?next=%25%25%25", null, 400, "The page token is not one this console gave")]
    [InlineData("GET", "/api/nothing-here", null, 404, "No such page or API: GET /api/nothing-here")]
    [InlineData("GET", "/assets/..%2F..%2Fsecrets.txt", null, 404, "No such asset")]
    public async Task Bad_input_is_a_4xx_with_a_message(string method, string path, string? body, int status, string message)
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.ConsoleUrl };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        Assert.Contains(message, json.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_page_and_its_assets_are_served_by_the_emulator_itself()
    {
        using var client = new HttpClient { BaseAddress = fixture.Server.ConsoleUrl };
        var page = await client.GetStringAsync("/");
        Assert.Contains("/assets/console.js", page);
        Assert.DoesNotContain("https://", page);
        Assert.DoesNotContain("http://", await client.GetStringAsync("/assets/console.js"));
        using var css = await client.GetAsync("/assets/console.css");
        Assert.Equal("text/css; charset=utf-8", css.Content.Headers.ContentType?.ToString());
    }
}
