using System.Security.Cryptography.X509Certificates;
using Backend.Local.Hosting;

namespace Backend.Local.Tests.Https;

/// <summary>--ssl-self-signed's certificate: its names, its validity, made once and reused, its key the user's alone.</summary>
public sealed class SelfSignedCertificateTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("self-signed-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void It_is_for_localhost_127_0_0_1_and_ipv6_loopback_and_nothing_else()
    {
        var (https, created) = SelfSignedCertificate.Ensure(_directory, Now);

        Assert.True(created);
        Assert.True(https.SelfSigned);
        var names = Assert.Single(https.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["localhost"], names.EnumerateDnsNames());
        Assert.Equal(["127.0.0.1", "::1"], names.EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.False(https.Certificate.MatchesHostname("example.com"));
        Assert.Equal(https.Certificate.Subject, https.Certificate.Issuer);
    }

    [Fact]
    public void It_is_a_server_certificate_that_can_vouch_for_nothing_else()
    {
        var (https, _) = SelfSignedCertificate.Ensure(_directory, Now);

        var constraints = Assert.Single(https.Certificate.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.False(constraints.CertificateAuthority);
        var usage = Assert.Single(https.Certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>());
        Assert.Equal("1.3.6.1.5.5.7.3.1", Assert.Single(usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()).Value);
        Assert.True(https.Certificate.HasPrivateKey);
    }

    [Fact]
    public void It_is_valid_from_a_day_back_for_a_year()
    {
        var (https, _) = SelfSignedCertificate.Ensure(_directory, Now);

        Assert.Equal(Now.AddDays(-1).UtcDateTime, https.Certificate.NotBefore.ToUniversalTime());
        Assert.Equal(Now.AddDays(365).UtcDateTime, https.Certificate.NotAfter.ToUniversalTime());
    }

    [Fact]
    public void It_is_written_as_pem_in_the_folder_and_reused_while_valid()
    {
        var (first, _) = SelfSignedCertificate.Ensure(_directory, Now);
        var (second, created) = SelfSignedCertificate.Ensure(_directory, Now.AddDays(300));

        Assert.False(created);
        Assert.Equal(first.Certificate.Thumbprint, second.Certificate.Thumbprint);
        Assert.Equal(Path.Combine(_directory, "localhost.crt"), second.CertificatePath);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(Path.Combine(_directory, "localhost.crt")));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(_directory, "localhost.key")));
    }

    [Fact]
    public void One_a_week_from_its_end_is_made_anew()
    {
        var (first, _) = SelfSignedCertificate.Ensure(_directory, Now);
        var (renewed, created) = SelfSignedCertificate.Ensure(_directory, Now.AddDays(359));

        Assert.True(created);
        Assert.NotEqual(first.Certificate.Thumbprint, renewed.Certificate.Thumbprint);
        Assert.Equal(Now.AddDays(359 + 365).UtcDateTime, renewed.Certificate.NotAfter.ToUniversalTime());
    }

    [Theory]
    [InlineData("localhost.key", "not a key")]
    [InlineData("localhost.crt", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")]
    public void A_damaged_pair_is_made_anew(string file, string text)
    {
        SelfSignedCertificate.Ensure(_directory, Now);
        File.WriteAllText(Path.Combine(_directory, file), text);

        var (https, created) = SelfSignedCertificate.Ensure(_directory, Now);

        Assert.True(created);
        Assert.True(https.Certificate.HasPrivateKey);
    }

    [Fact]
    public void The_key_is_readable_by_its_owner_alone()
    {
        if (OperatingSystem.IsWindows()) return;
        SelfSignedCertificate.Ensure(_directory, Now);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "localhost.key")));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }
}
