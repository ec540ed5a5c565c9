using Backend.Local.Hosting;

namespace Backend.Local.Tests.Https;

/// <summary>--ssl-cert-file and --ssl-key-file read: a PEM pair, a chain, and each way the files can be wrong as one clear message.</summary>
public sealed class HttpsCertificateTests : IDisposable
{
    private readonly TestCertificates _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_pem_pair_is_read_with_its_key()
    {
        var (certificate, key, made) = _files.Pair("server");

        var https = HttpsCertificate.Load(certificate, key);

        Assert.Equal(made.Thumbprint, https.Certificate.Thumbprint);
        Assert.True(https.Certificate.HasPrivateKey);
        Assert.Empty(https.Chain);
        Assert.False(https.SelfSigned);
        Assert.Equal(certificate, https.CertificatePath);
    }

    [Fact]
    public void The_certificates_after_the_first_are_the_chain_sent_along()
    {
        using var authority = TestCertificates.Authority("Test CA");
        var (certificate, key, made) = _files.Pair("leaf", authority);

        var https = HttpsCertificate.Load(certificate, key);

        Assert.Equal(made.Thumbprint, https.Certificate.Thumbprint);
        Assert.Equal(authority.Thumbprint, Assert.Single(https.Chain).Thumbprint);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var (certificate, _, _) = _files.Pair("server");
        var missing = Path.Combine(_files.Directory, "missing.key");

        Assert.Equal($"--ssl-key-file {missing} does not exist", Assert.Throws<UsageException>(() => HttpsCertificate.Load(certificate, missing)).Message);
    }

    [Fact]
    public void A_certificate_file_that_is_not_pem_is_refused()
    {
        var (_, key, made) = _files.Pair("server");
        var der = Path.Combine(_files.Directory, "server.der");
        File.WriteAllBytes(der, made.RawData);

        Assert.Equal($"--ssl-cert-file {der} holds no PEM certificate (-----BEGIN CERTIFICATE-----)", Assert.Throws<UsageException>(() => HttpsCertificate.Load(der, key)).Message);
    }

    [Fact]
    public void A_key_file_that_is_not_pem_is_refused()
    {
        var (certificate, _, _) = _files.Pair("server");
        var text = _files.Write("notes.txt", "hello");

        Assert.StartsWith($"--ssl-key-file {text} holds no PEM private key", Assert.Throws<UsageException>(() => HttpsCertificate.Load(certificate, text)).Message);
    }

    [Fact]
    public void The_key_of_another_certificate_is_refused()
    {
        var (certificate, _, _) = _files.Pair("server");
        var (_, otherKey, _) = _files.Pair("other");

        Assert.Equal($"--ssl-key-file {otherKey} is not the key of the certificate in --ssl-cert-file {certificate}",
            Assert.Throws<UsageException>(() => HttpsCertificate.Load(certificate, otherKey)).Message);
    }

    [Fact]
    public void An_encrypted_key_is_refused_saying_how_to_decrypt_it()
    {
        var (certificate, key, _) = _files.Pair("server");
        var encrypted = _files.Encrypted(key);

        Assert.StartsWith($"--ssl-key-file {encrypted} is encrypted: give it unencrypted (openssl pkey",
            Assert.Throws<UsageException>(() => HttpsCertificate.Load(certificate, encrypted)).Message);
    }

    [Fact]
    public void The_pinned_handler_trusts_this_certificate_and_no_other()
    {
        // The console's requests to the emulator's own HTTPS port go through it: a stranger's certificate must fail.
        var (certificate, key, _) = _files.Pair("server");
        var https = HttpsCertificate.Load(certificate, key);
        using var handler = https.PinnedHandler();
        var check = handler.SslOptions.RemoteCertificateValidationCallback!;
        var (_, _, stranger) = _files.Pair("stranger");

        Assert.True(check(this, https.Certificate, null, System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(check(this, stranger, null, System.Net.Security.SslPolicyErrors.None));
    }
}
