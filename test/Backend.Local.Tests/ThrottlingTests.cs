using System.Net;
using Backend.Local.Gateway;
using Backend.Local.Hosting;

namespace Backend.Local.Tests;

/// <summary>
/// The stages' throttling through a real emulator (cors-template.yaml's ThrottledApi and ThrottledHttpApi: a burst of
/// 2 per method, refilled at 0.01 per second): the request beyond gets API Gateway's 429, and no function runs for it.
/// Each test uses methods of its own, since the buckets live as long as the shared emulator.
/// </summary>
[Collection("cors server")]
public sealed class ThrottlingTests(CorsServerFixture fixture)
{
    private const string TooManyRequests = """{"message":"Too Many Requests"}""";

    private async Task<(HttpStatusCode Status, string Body, Dictionary<string, string> Headers)> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        if (method == HttpMethod.Options) request.Headers.Add("Origin", "https://example.com");
        using var response = await fixture.Api.SendAsync(request);
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), headers);
    }

    private async Task<List<(HttpStatusCode Status, string Body, Dictionary<string, string> Headers)>> SendAsync(HttpMethod method, string path, int count)
    {
        var answers = new List<(HttpStatusCode, string, Dictionary<string, string>)>();
        for (var i = 0; i < count; i++) answers.Add(await SendAsync(method, path));
        return answers;
    }

    private int Invocations(DateTime from) => fixture.Server.Functions.Metrics.Figures("Throttled", from, DateTime.MaxValue).Invocations;

    [Fact]
    public async Task A_REST_method_beyond_its_burst_answers_429_TooManyRequestsException_and_its_function_does_not_run()
    {
        var from = DateTime.UtcNow;

        var answers = await SendAsync(HttpMethod.Get, "/slow/limited", 3);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers.Select(a => a.Status));
        var (_, body, headers) = answers[2];
        Assert.Equal(TooManyRequests, body);
        Assert.Equal("TooManyRequestsException", headers[ApiGatewayHeaders.ErrorType]);
        Assert.Equal("application/json", headers["Content-Type"]);
        Assert.True(headers.ContainsKey(ApiGatewayHeaders.RestRequestId));
        Assert.Equal(2, Invocations(from));
    }

    [Fact]
    public async Task An_HTTP_API_route_beyond_its_burst_answers_429_Too_Many_Requests()
    {
        var from = DateTime.UtcNow;

        var answers = await SendAsync(HttpMethod.Get, "/http-limited", 3);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers.Select(a => a.Status));
        var (_, body, headers) = answers[2];
        Assert.Equal(TooManyRequests, body);
        Assert.False(headers.ContainsKey(ApiGatewayHeaders.ErrorType));
        Assert.True(headers.ContainsKey(ApiGatewayHeaders.HttpRequestId));
        Assert.Equal(2, Invocations(from));
    }

    [Fact]
    public async Task A_method_with_a_setting_of_its_own_gets_its_own_burst()
    {
        var answers = await SendAsync(HttpMethod.Get, "/slow/roomy", 5);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
    }

    [Fact]
    public async Task A_CORS_preflight_is_a_method_of_the_stage_with_a_bucket_of_its_own()
    {
        var preflights = await SendAsync(HttpMethod.Options, "/slow/preflighted", 3);
        var get = await SendAsync(HttpMethod.Get, "/slow/preflighted");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], preflights.Select(a => a.Status));
        Assert.Equal(TooManyRequests, preflights[2].Body);
        Assert.Equal(HttpStatusCode.OK, get.Status);
    }

    [Fact]
    public void The_banner_says_each_stages_limits()
    {
        var output = new StringWriter();

        Banner.Write(output, fixture.Server, Path.Combine(AppContext.BaseDirectory, "no-events"));

        Assert.Contains("Throttling:       ThrottledApi (slow) 0.01 req/s, burst 2 per method, 1 with their own; ThrottledHttpApi ($default) 0.01 req/s, burst 2 per method: 429 beyond (--no-throttling turns it off)",
            output.ToString().Split('\n'));
    }
}

/// <summary>--no-throttling, as a load test runs the emulator: the same template, no 429.</summary>
public sealed class NoThrottlingTests
{
    [Fact]
    public async Task Start_api_with_no_throttling_answers_every_request_and_says_so()
    {
        using var emulator = EmulatorProcess.Start(["start-api", "--no-throttling", "--template", Path.Combine(AppContext.BaseDirectory, "cors-template.yaml"),
            "--artifacts", AppContext.BaseDirectory, "--in-memory", "--port", "0", "--no-watch"]);
        await emulator.WaitUntilReadyAsync(tables: false);
        using var api = emulator.ApiClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await api.GetAsync("/slow/limited");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Contains("Throttling:       off (--no-throttling): the APIs' throttling settings are not enforced", emulator.Output);
    }
}
