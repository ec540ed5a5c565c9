using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Backend.Local.Tests.Https;

/// <summary>
/// PEM certificate and key files a user might hand to --ssl-cert-file and --ssl-key-file, made in a temporary folder
/// (deleted on dispose): a plain pair, a leaf signed by a CA of its own (with the CA in the certificate file), an
/// encrypted key, a key of another certificate.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("https-certificates-").FullName;

    /// <summary>An RSA certificate for 127.0.0.1 and localhost, signed by <paramref name="issuer"/> or by itself.</summary>
    public (string Certificate, string Key, X509Certificate2 Loaded) Pair(string name, X509Certificate2? issuer = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var made = issuer is null
            ? request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30))
            : request.Create(issuer, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(8));
        var certificatePath = Write($"{name}.crt", made.ExportCertificatePem() + "\n" + (issuer is null ? "" : issuer.ExportCertificatePem() + "\n"));
        var keyPath = Write($"{name}.key", key.ExportPkcs8PrivateKeyPem() + "\n");
        return (certificatePath, keyPath, X509Certificate2.CreateFromPem(made.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem()));
    }

    /// <summary>A CA certificate (self-signed, CA:true) with its key, to sign leaves with.</summary>
    public static X509Certificate2 Authority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(60));
    }

    /// <summary>The key of <paramref name="keyPath"/>, written again encrypted with a password.</summary>
    public string Encrypted(string keyPath)
    {
        using var key = RSA.Create();
        key.ImportFromPem(File.ReadAllText(keyPath));
        return Write("encrypted.key", key.ExportEncryptedPkcs8PrivateKeyPem("secret", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)) + "\n");
    }

    public string Write(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
