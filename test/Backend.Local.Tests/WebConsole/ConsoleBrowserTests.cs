using System.Diagnostics;
using System.Text.RegularExpressions;
using Backend.Lambda.TestUtilities;
using Microsoft.Playwright;

namespace Backend.Local.Tests.WebConsole;

/// <summary>The console clicked through in a real browser (headless Chromium); each test saves a screenshot of what it saw.</summary>
[Collection("console")]
public sealed class ConsoleBrowserTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task The_function_list_shows_the_template_functions_with_their_configuration()
    {
        var page = await fixture.OpenAsync("#functions");
        var rows = page.GetByTestId("function-row");
        await Assertions.Expect(rows).ToHaveCountAsync(5);
        foreach (var name in new[] { "CalcFunction", "DynamoDbManagerFunction", "BooksFunction", "RandomNumberFunction", "AuthorizerFunction" })
            await Assertions.Expect(page.Locator($"[data-testid=function-row][data-name={name}]")).ToContainTextAsync("dotnet10");
        await Assertions.Expect(page.Locator("[data-testid=function-row][data-name=CalcFunction]")).ToContainTextAsync("Backend.Calc");
        await ConsoleFixture.ScreenshotAsync(page, "functions");
    }

    [Fact]
    public async Task Calc_tested_with_the_direct_event_shows_its_result_execution_summary_and_log()
    {
        var page = await OpenTestAsync("CalcFunction", "calc-direct.json");
        await page.GetByTestId("invoke").ClickAsync();

        await Assertions.Expect(page.GetByTestId("result-status")).ToContainTextAsync("Execution succeeded");
        await Assertions.Expect(page.GetByTestId("result-body")).ToContainTextAsync("\"c\": 3");
        await Assertions.Expect(page.GetByTestId("summary-duration")).ToHaveTextAsync(new Regex(@"^\d+(\.\d+)?"));
        await Assertions.Expect(page.GetByTestId("summary-max-memory")).ToHaveTextAsync(new Regex(@"^\d+"));
        var requestId = await page.GetByTestId("summary-request-id").InnerTextAsync();
        await Assertions.Expect(page.GetByTestId("result-log")).ToContainTextAsync($"REPORT RequestId: {requestId}");
        await ConsoleFixture.ScreenshotAsync(page, "test");
    }

    [Fact]
    public async Task A_failing_event_shows_the_error_type_and_message()
    {
        var page = await OpenTestAsync("CalcFunction", "calc-direct-invalid-operator.json");
        await page.GetByTestId("invoke").ClickAsync();

        await Assertions.Expect(page.GetByTestId("result-status")).ToContainTextAsync("Execution failed");
        await Assertions.Expect(page.GetByTestId("result-error")).ToContainTextAsync("CalcInputException");
        await Assertions.Expect(page.GetByTestId("result-error")).ToContainTextAsync("400 Invalid Operator");
        await ConsoleFixture.ScreenshotAsync(page, "test-failed");
    }

    [Fact]
    public async Task Invalid_JSON_is_flagged_inline_and_not_sent()
    {
        var page = await OpenTestAsync("CalcFunction", "calc-direct.json");
        await page.GetByTestId("test-editor").FillAsync("{\"a\": 1,");

        await Assertions.Expect(page.GetByTestId("json-error")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("invoke")).ToBeDisabledAsync();
        await ConsoleFixture.ScreenshotAsync(page, "test-invalid-json");
    }

    [Fact]
    public async Task A_saved_event_survives_a_reload_and_the_events_folder_is_left_alone()
    {
        var name = $"saved-{Guid.NewGuid():N}"[..14];
        var saved = RepositoryFiles.PathOf(Path.Combine(".local", "console", "events", "CalcFunction", name + ".json"));
        var before = File.ReadAllText(RepositoryFiles.PathOf("events/calc-direct.json"));
        try
        {
            var page = await OpenTestAsync("CalcFunction", "calc-direct.json");
            await page.GetByTestId("test-editor").FillAsync("{\"a\": 40, \"b\": 2, \"op\": \"+\"}");
            await page.GetByTestId("save-name").FillAsync(name);
            await page.GetByTestId("save").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=test-event] option", new() { HasTextString = name })).ToHaveCountAsync(1);

            await page.ReloadAsync();
            await page.GetByTestId("test-function").SelectOptionAsync("CalcFunction");
            await Assertions.Expect(page.Locator("[data-testid=test-event] option", new() { HasTextString = name })).ToHaveCountAsync(1);
            var value = await page.Locator("[data-testid=test-event] option", new() { HasTextString = name }).GetAttributeAsync("value");
            await page.GetByTestId("test-event").SelectOptionAsync(value!);
            await Assertions.Expect(page.GetByTestId("test-editor")).ToHaveValueAsync(new Regex("\"a\": 40"));
            await page.GetByTestId("invoke").ClickAsync();
            await Assertions.Expect(page.GetByTestId("result-body")).ToContainTextAsync("\"c\": 42");
            await ConsoleFixture.ScreenshotAsync(page, "test-saved-event");
            Assert.True(File.Exists(saved));
            Assert.Equal(before, File.ReadAllText(RepositoryFiles.PathOf("events/calc-direct.json")));
        }
        finally
        {
            File.Delete(saved);
        }
    }

    [Fact]
    public async Task The_log_tail_shows_the_REPORT_of_an_invocation_made_with_curl()
    {
        var page = await fixture.OpenAsync("#logs");
        await Assertions.Expect(page.GetByTestId("connection")).ToContainTextAsync("onnected");
        var response = await CurlAsync(new Uri(fixture.Server.ApiUrl!, "/prod/calc/1/2/%2B"));
        Assert.Contains("\"c\":3", response);

        var report = page.GetByTestId("log-line").Filter(new() { HasTextRegex = new Regex("REPORT RequestId: ") });
        await Assertions.Expect(report.Last).ToBeVisibleAsync();
        await page.GetByTestId("log-function").SelectOptionAsync("CalcFunction");
        await Assertions.Expect(report.Last).ToContainTextAsync("Billed Duration");
        await ConsoleFixture.ScreenshotAsync(page, "logs");
    }

    [Fact]
    public async Task The_monitor_counts_invocations_as_requests_arrive()
    {
        var page = await fixture.OpenAsync("#monitor");
        var card = page.Locator("[data-testid=monitor-card][data-name=RandomNumberFunction]");
        await Assertions.Expect(card).ToBeVisibleAsync();
        var before = int.Parse(await card.GetByTestId("monitor-invocations").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 5; i++) (await fixture.Api.GetAsync("/index")).EnsureSuccessStatusCode();

        await Assertions.Expect(card.GetByTestId("monitor-invocations")).Not.ToHaveTextAsync(before.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        var after = int.Parse(await card.GetByTestId("monitor-invocations").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(after >= before + 5, $"{before} -> {after}");
        await ConsoleFixture.ScreenshotAsync(page, "monitor");
    }

    [Fact]
    public async Task An_API_request_from_the_form_shows_the_response_beside_the_event_and_the_proxy_response()
    {
        var page = await fixture.OpenAsync("#apis");
        var route = page.Locator("[data-testid=route][data-method=GET][data-path='/calc/{operand1}/{operand2}/{operator}']");
        await route.GetByTestId("try-route").ClickAsync();
        var form = page.GetByTestId("request-form");
        await form.Locator("[data-testid=path-param][data-name=operand1]").FillAsync("6");
        await form.Locator("[data-testid=path-param][data-name=operand2]").FillAsync("7");
        await form.Locator("[data-testid=path-param][data-name=operator]").FillAsync("*");
        await form.GetByTestId("send").ClickAsync();

        await Assertions.Expect(page.GetByTestId("response-status")).ToContainTextAsync("200");
        await Assertions.Expect(page.GetByTestId("response-body")).ToContainTextAsync("42");
        await Assertions.Expect(page.GetByTestId("response-event")).ToContainTextAsync("\"pathParameters\"");
        await Assertions.Expect(page.GetByTestId("response-event")).ToContainTextAsync("\"operand1\": \"6\"");
        await Assertions.Expect(page.GetByTestId("response-event")).ToContainTextAsync("\"resource\": \"/calc/{operand1}/{operand2}/{operator}\"");
        await Assertions.Expect(page.GetByTestId("response-proxy")).ToContainTextAsync("\"statusCode\": 200");
        await Assertions.Expect(page.GetByTestId("response-curl")).ToContainTextAsync("/prod/calc/6/7/*");
        await ConsoleFixture.ScreenshotAsync(page, "apis");
    }

    [Fact]
    public async Task An_item_put_in_the_console_is_read_back_through_the_DynamoDBManager_API_and_deleted_after_a_confirmation()
    {
        var id = $"console-{Guid.NewGuid():N}";
        var page = await fixture.OpenAsync("#dynamodb");
        await page.Locator("[data-testid=table][data-name=lambda-apigateway]").ClickAsync();
        await page.GetByTestId("item-editor").FillAsync($"{{\"id\": \"{id}\", \"name\": \"Ada\", \"age\": 36}}");
        await page.GetByTestId("item-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("item").Filter(new() { HasTextString = id })).ToHaveCountAsync(1);

        using var read = await fixture.Api.PostAsync("/prod/DynamoDBManager", new StringContent(
            $"{{\"operation\":\"read\",\"tableName\":\"lambda-apigateway\",\"payload\":{{\"Key\":{{\"id\":\"{id}\"}}}}}}"));
        var body = await read.Content.ReadAsStringAsync();
        Assert.True(read.IsSuccessStatusCode, body);
        Assert.Contains("\"name\":\"Ada\"", body);
        Assert.Contains("\"age\":36", body);

        await page.GetByTestId("lookup-key").FillAsync($"{{\"id\": \"{id}\"}}");
        await page.GetByTestId("lookup").ClickAsync();
        await Assertions.Expect(page.GetByTestId("lookup-result")).ToContainTextAsync("Ada");
        await ConsoleFixture.ScreenshotAsync(page, "dynamodb");

        await page.GetByTestId("item").Filter(new() { HasTextString = id }).GetByTestId("item-delete").ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm")).ToContainTextAsync(id);
        await page.GetByTestId("confirm-yes").ClickAsync();
        await Assertions.Expect(page.GetByTestId("item").Filter(new() { HasTextString = id })).ToHaveCountAsync(0);
        using var gone = await fixture.Api.PostAsync("/prod/DynamoDBManager", new StringContent(
            $"{{\"operation\":\"read\",\"tableName\":\"lambda-apigateway\",\"payload\":{{\"Key\":{{\"id\":\"{id}\"}}}}}}"));
        Assert.DoesNotContain("Ada", await gone.Content.ReadAsStringAsync());
    }

    private async Task<IPage> OpenTestAsync(string function, string eventName)
    {
        var page = await fixture.OpenAsync("#test");
        await page.GetByTestId("test-function").SelectOptionAsync(function);
        var option = page.Locator("[data-testid=test-event] option", new() { HasTextString = eventName });
        await Assertions.Expect(option.First).ToHaveCountAsync(1);
        await page.GetByTestId("test-event").SelectOptionAsync((await option.First.GetAttributeAsync("value"))!);
        await Assertions.Expect(page.GetByTestId("test-editor")).Not.ToHaveValueAsync("");
        return page;
    }

    private static async Task<string> CurlAsync(Uri url)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-sS", url.ToString() }) start.ArgumentList.Add(arg);
        using var curl = Process.Start(start)!;
        var output = await curl.StandardOutput.ReadToEndAsync();
        await curl.WaitForExitAsync();
        return output;
    }
}
