using Backend.Local.Hosting;

namespace Backend.Local.Tests.Https;

/// <summary>
/// A certificate of the user's (--ssl-cert-file, --ssl-key-file), here one signed by a CA made in the test: the API
/// port serves it with its chain, to a client that trusts the CA alone, and the banner names it without trust advice.
/// </summary>
public sealed class OwnCertificateHttpsTests
{
    [Fact]
    public async Task The_api_serves_the_given_certificate_and_its_chain()
    {
        using var files = new TestCertificates();
        using var authority = TestCertificates.Authority("Test Development CA");
        var (certificate, key, _) = files.Pair("leaf", authority);
        var template = TemplateFile.Load(Path.Combine(AppContext.BaseDirectory, "faulty-template.yaml"));
        var console = new CapturedOutput();
        await using var server = await LocalServer.StartAsync(new LocalServerOptions
        {
            Template = template,
            ApiPort = 0,
            LambdaPort = null,
            InMemory = true,
            Assemblies = Prebuilt.Find(template.Model, AppContext.BaseDirectory),
            Https = HttpsCertificate.Load(certificate, key),
            Console = console,
        });
        using var client = TrustingHttpClient.For(authority, server.ApiUrl);

        using var response = await client.GetAsync("/test/rest/exact");

        Assert.Equal("https", server.ApiUrl!.Scheme);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var banner = new StringWriter();
        Banner.Write(banner, server, Path.Combine(template.Directory, "events"));
        Assert.Contains($"HTTPS:            certificate {certificate} (CN=leaf", banner.ToString());
        Assert.DoesNotContain("--cacert", banner.ToString());
    }
}
