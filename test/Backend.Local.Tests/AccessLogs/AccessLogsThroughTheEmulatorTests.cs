using System.Text.Json;

namespace Backend.Local.Tests.AccessLogs;

/// <summary>
/// template.yaml's access log formats through a real emulator: each request to RestApi and RandomApi leaves a line
/// in .local/logs/&lt;Api&gt;-access.log (the fixture's emulator writes beside the repository's template), rendered
/// from the format, with the status the client got and the request id it was answered with.
/// </summary>
[Collection("repository server")]
public sealed class AccessLogsThroughTheEmulatorTests(RepositoryServerFixture fixture)
{
    /// <summary>
    /// The line naming this request id (other tests' lines share the file), once written. The emulator queues it just
    /// after the answer's last byte, which the client may read first: a flush that finds nothing is tried again.
    /// </summary>
    private async Task<JsonElement> LineAsync(string api, string requestId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await fixture.Server.FlushAccessLogsAsync();
            using var reader = new StreamReader(new FileStream(Path.Combine(fixture.Server.AccessLogDirectory, $"{api}-access.log"),
                FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            while (await reader.ReadLineAsync() is { } line)
                if (line.Contains(requestId, StringComparison.Ordinal)) return JsonDocument.Parse(line).RootElement.Clone();
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException($"no line names {requestId} in {api}-access.log");
    }

    [Fact]
    public async Task A_REST_request_is_logged_with_its_status_method_resource_and_request_id()
    {
        using var response = await fixture.Api.GetAsync("/prod/calc?operand1=1&operand2=2&operator=%2B");
        var requestId = Assert.Single(response.Headers.GetValues("x-amzn-RequestId"));
        var body = await response.Content.ReadAsByteArrayAsync();

        var line = await LineAsync("RestApi", requestId);

        Assert.Equal("200", line.GetProperty("status").GetString());
        Assert.Equal("GET", line.GetProperty("httpMethod").GetString());
        Assert.Equal("/calc", line.GetProperty("resourcePath").GetString());
        Assert.Equal("HTTP/1.1", line.GetProperty("protocol").GetString());
        Assert.Equal(body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), line.GetProperty("responseLength").GetString());
        Assert.Equal("127.0.0.1", line.GetProperty("ip").GetString());
        Assert.Equal("-", line.GetProperty("caller").GetString());
        Assert.Equal("-", line.GetProperty("integrationError").GetString());
        Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", line.GetProperty("requestTime").GetString());
    }

    [Fact]
    public async Task The_gateways_own_answer_is_logged_too()
    {
        using var response = await fixture.Api.GetAsync("/prod/nothing");
        var requestId = Assert.Single(response.Headers.GetValues("x-amzn-RequestId"));

        var line = await LineAsync("RestApi", requestId);

        Assert.Equal("403", line.GetProperty("status").GetString());
        Assert.Equal("-", line.GetProperty("resourcePath").GetString());
    }

    [Fact]
    public async Task An_HTTP_API_request_is_logged_with_its_route_key()
    {
        using var response = await fixture.Api.GetAsync("/index");
        var requestId = Assert.Single(response.Headers.GetValues("Apigw-Requestid"));

        var line = await LineAsync("RandomApi", requestId);

        Assert.Equal("200", line.GetProperty("status").GetString());
        Assert.Equal("GET /index", line.GetProperty("routeKey").GetString());
        Assert.Equal("-", line.GetProperty("integrationError").GetString());
    }
}
