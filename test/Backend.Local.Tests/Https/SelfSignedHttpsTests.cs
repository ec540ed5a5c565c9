using System.Diagnostics;
using System.Net.Http.Json;
using System.Security.Authentication;
using System.Text.Json;
using Backend.Local.Tests.ControlPlane;

namespace Backend.Local.Tests.Https;

/// <summary>
/// `start --ssl-self-signed` end to end: API Gateway and the Lambda API answer over HTTPS to clients told to trust the
/// certificate (an HttpClient with it as its only root, curl --cacert, the AWS CLI's --ca-bundle) and to no one else;
/// functions still reach the Runtime API over plain HTTP; the console still sends requests through the API.
/// </summary>
public sealed class SelfSignedHttpsTests(SelfSignedEmulatorFixture fixture) : IClassFixture<SelfSignedEmulatorFixture>
{
    [Fact]
    public void The_banner_gives_https_urls_and_how_to_trust_the_certificate()
    {
        Assert.Equal("https", fixture.ApiUrl.Scheme);
        Assert.Equal("https", fixture.LambdaUrl.Scheme);
        Assert.Equal("http", fixture.ConsoleUrl.Scheme);
        Assert.Contains("HTTPS:            self-signed certificate .local/tls/localhost.crt", fixture.Output);
        Assert.Contains($"curl --cacert .local/tls/localhost.crt '{fixture.ApiUrl.ToString().TrimEnd('/')}/test/rest/exact'", fixture.Output);
        Assert.Contains($"aws lambda list-functions --endpoint-url {fixture.LambdaUrl.ToString().TrimEnd('/')} --ca-bundle .local/tls/localhost.crt", fixture.Output);
        Assert.Contains("curl -k", fixture.Output);
    }

    [Fact]
    public async Task The_api_answers_over_https_and_the_event_says_https_and_the_port()
    {
        using var client = TrustingHttpClient.For(fixture.Certificate, fixture.ApiUrl);

        using var response = await client.GetAsync("/test/rest/exact");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var apiEvent = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var headers = apiEvent.RootElement.GetProperty("headers");
        Assert.Equal("https", headers.GetProperty("X-Forwarded-Proto").GetString());
        Assert.Equal(fixture.ApiUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), headers.GetProperty("X-Forwarded-Port").GetString());
        Assert.Equal("HTTP/1.1", apiEvent.RootElement.GetProperty("requestContext").GetProperty("protocol").GetString());
    }

    [Fact]
    public async Task A_client_that_was_not_told_to_trust_it_refuses_it()
    {
        using var client = new HttpClient { BaseAddress = fixture.ApiUrl, Timeout = TimeSpan.FromSeconds(30) };

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/test/rest/exact"));

        Assert.IsType<AuthenticationException>(failure.InnerException);
    }

    [Fact]
    public async Task Plain_http_to_the_https_port_fails_at_once_and_does_not_hang()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var plain = new UriBuilder(fixture.ApiUrl) { Scheme = "http" }.Uri;
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(plain, "/test/rest/exact")));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Curl_with_cacert_reaches_the_api_by_localhost_too_over_http_1_1()
    {
        var url = new UriBuilder(fixture.ApiUrl) { Host = "localhost", Path = "/http/abc" }.Uri;
        var start = new ProcessStartInfo("curl") { ArgumentList = { "-sS", "--max-time", "30", "--cacert", fixture.CertificatePath, "-w", "\n%{http_code}", url.ToString() } };

        var curl = await ToolProcess.RunAsync(start);

        Assert.True(curl.ExitCode == 0, curl.Error);
        Assert.EndsWith("\n200", curl.Output);
        Assert.Contains("\"x-forwarded-proto\":\"https\"", curl.Output);
        // curl offers HTTP/2 over TLS; the emulator answers HTTP/1.1 as over plain HTTP, and the event says so.
        Assert.Contains("\"protocol\":\"HTTP/1.1\"", curl.Output);
    }

    [Fact]
    public async Task The_aws_cli_lists_and_invokes_with_ca_bundle_and_refuses_without()
    {
        var aws = new AwsCli(fixture.LambdaUrl);

        var listed = await aws.RunAsync("lambda", "list-functions", "--ca-bundle", fixture.CertificatePath);
        Assert.True(listed.ExitCode == 0, listed.Error);
        Assert.Contains("Faulty", listed.Json.GetProperty("Functions").EnumerateArray().Select(f => f.GetProperty("FunctionName").GetString()));

        var answer = Path.Combine(fixture.Directory, "invoke-answer.json");
        var invoked = await aws.RunAsync("lambda", "invoke", "--function-name", "Faulty", "--payload", """{"hello":"tls"}""", answer, "--ca-bundle", fixture.CertificatePath);
        Assert.True(invoked.ExitCode == 0, invoked.Error);
        Assert.Equal("""{"hello":"tls"}""", File.ReadAllText(answer));

        var refused = await aws.RunAsync("lambda", "list-functions");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("CERTIFICATE_VERIFY_FAILED", refused.Error);
    }

    [Fact]
    public async Task The_console_sends_requests_through_the_https_api()
    {
        using var console = new HttpClient { BaseAddress = fixture.ConsoleUrl, Timeout = TimeSpan.FromSeconds(60) };

        using var response = await console.PostAsJsonAsync("/api/apis/send", new { method = "GET", path = "/test/rest/exact" });

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        using var sent = JsonDocument.Parse(text);
        Assert.Equal(200, sent.RootElement.GetProperty("status").GetInt32());
        Assert.StartsWith($"curl 'https://", sent.RootElement.GetProperty("curl").GetString());
    }
}
