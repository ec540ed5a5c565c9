using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Backend.Local.Hosting;

/// <summary>
/// --ssl-self-signed: a certificate of the emulator's own for this machine's names (localhost, 127.0.0.1, ::1), made
/// once in .local/tls/ (localhost.crt, localhost.key) and reused while it is valid, so a client told to trust it once
/// (curl --cacert, the AWS CLI's --ca-bundle) goes on trusting it. Made here with .NET alone: no openssl to install.
/// </summary>
public static class SelfSignedCertificate
{
    public const string CertificateFile = "localhost.crt";
    public const string KeyFile = "localhost.key";

    /// <summary>A year, as long as browsers accept for a certificate (398 days at most) with room to spare.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    /// <summary>One nearer its end than this is made anew, so that no run starts with a certificate about to expire.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(7);

    /// <summary>The names it is for: what a client on this machine types to reach the emulator.</summary>
    public static readonly IReadOnlyList<string> DnsNames = ["localhost"];
    public static readonly IReadOnlyList<IPAddress> Addresses = [IPAddress.Loopback, IPAddress.IPv6Loopback];

    /// <summary>The certificate in <paramref name="directory"/>, made first when there is none or it is no longer fit; and whether it was made now.</summary>
    public static (HttpsCertificate Certificate, bool Created) Ensure(string directory, DateTimeOffset now)
    {
        Directory.CreateDirectory(directory);
        var certificatePath = Path.Combine(directory, CertificateFile);
        var keyPath = Path.Combine(directory, KeyFile);
        // Two emulators starting at once must not each write half of a pair: one makes it, the other reuses it.
        using var _ = HoldLock(Path.Combine(directory, "tls.lock"));
        if (ReadIfFit(certificatePath, keyPath, now) is { } existing) return (existing, false);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var created = Create(key, now);
        WriteAtomically(keyPath, key.ExportPkcs8PrivateKeyPem(), privateKey: true);
        WriteAtomically(certificatePath, created.ExportCertificatePem(), privateKey: false);
        return (HttpsCertificate.Load(certificatePath, keyPath, selfSigned: true), true);
    }

    /// <summary>The certificate for <see cref="DnsNames"/> and <see cref="Addresses"/>, signed with its own key.</summary>
    public static X509Certificate2 Create(ECDsa key, DateTimeOffset now)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddOrganizationName("Backend.Local self-signed development certificate");
        subject.AddCommonName("localhost");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in DnsNames) names.AddDnsName(name);
        foreach (var address in Addresses) names.AddIpAddress(address);
        request.CertificateExtensions.Add(names.Build(critical: false));
        // A server's certificate, not a CA's: trusting it (as the one anchor) lets it vouch for nothing but itself.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        // Key identifiers: strict verifiers (Python 3.13's default X509_STRICT) want the authority key identifier.
        var subjectKey = new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false);
        request.CertificateExtensions.Add(subjectKey);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(subjectKey));
        // Valid from a day back: a client whose clock runs a little behind still accepts it at once.
        return request.CreateSelfSigned(now.AddDays(-1), now.Add(Validity));
    }

    /// <summary>The pair as it is on disk, when it reads, matches, covers the names and is not near its end; null otherwise.</summary>
    private static HttpsCertificate? ReadIfFit(string certificatePath, string keyPath, DateTimeOffset now)
    {
        if (!File.Exists(certificatePath) || !File.Exists(keyPath)) return null;
        HttpsCertificate existing;
        try
        {
            existing = HttpsCertificate.Load(certificatePath, keyPath, selfSigned: true);
        }
        catch (UsageException)
        {
            return null; // damaged, or half of an older pair: made anew
        }
        var certificate = existing.Certificate;
        var fit = certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime && certificate.NotAfter.ToUniversalTime() > now.Add(RenewBefore).UtcDateTime
            && DnsNames.All(name => certificate.MatchesHostname(name))
            && Addresses.All(address => certificate.MatchesHostname(address.ToString()));
        return fit ? existing : null;
    }

    /// <summary>Written beside and moved into place: a reader never sees half a file; the key is the user's alone (0600) from its first byte.</summary>
    private static void WriteAtomically(string path, string text, bool privateKey)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (privateKey && !OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temporary, System.Text.Encoding.ASCII, options)) writer.Write(text + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    private static FileStream HoldLock(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100); // another emulator is making the certificate: it takes milliseconds
            }
        }
    }
}
