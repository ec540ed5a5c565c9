using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Backend.Local.Hosting;

/// <summary>
/// The certificate the API Gateway and Lambda API ports serve HTTPS with: the user's (--ssl-cert-file and
/// --ssl-key-file, PEM, as SAM CLI's `sam local start-api` takes them) or the emulator's own self-signed one
/// (--ssl-self-signed). Read and checked before anything starts: what is wrong with the files is the user's to fix.
/// </summary>
public sealed record HttpsCertificate(X509Certificate2 Certificate, X509Certificate2Collection Chain, string CertificatePath, bool SelfSigned)
{
    /// <summary>
    /// The pair in <paramref name="certificatePath"/> (the server certificate first, then any intermediates, as a PEM
    /// chain file holds them) and <paramref name="keyPath"/> (an unencrypted PKCS#8, RSA or EC private key).
    /// </summary>
    public static HttpsCertificate Load(string certificatePath, string keyPath, bool selfSigned = false)
    {
        var certificateText = ReadPem(certificatePath, "--ssl-cert-file");
        var keyText = ReadPem(keyPath, "--ssl-key-file");
        if (!HasLabel(certificateText, "CERTIFICATE"))
            throw new UsageException($"--ssl-cert-file {certificatePath} holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        if (HasLabel(keyText, "ENCRYPTED PRIVATE KEY") || keyText.Contains("Proc-Type: 4,ENCRYPTED", StringComparison.Ordinal))
            throw new UsageException($"--ssl-key-file {keyPath} is encrypted: give it unencrypted (openssl pkey -in {keyPath} -out plain.key)");
        if (!KeyLabels.Any(label => HasLabel(keyText, label)))
            throw new UsageException($"--ssl-key-file {keyPath} holds no PEM private key (-----BEGIN PRIVATE KEY-----, or RSA or EC PRIVATE KEY)");
        X509Certificate2 certificate;
        var chain = new X509Certificate2Collection();
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificateText, keyText);
            chain.ImportFromPem(certificateText);
        }
        catch (CryptographicException e)
        {
            throw new UsageException(IsKeyMismatch(e)
                ? $"--ssl-key-file {keyPath} is not the key of the certificate in --ssl-cert-file {certificatePath}"
                : $"--ssl-cert-file {certificatePath} and --ssl-key-file {keyPath} do not read as a certificate and its key: {e.Message}");
        }
        // The first certificate is the server's own; the rest are intermediates sent along with it.
        foreach (var served in chain.Where(c => c.Thumbprint == certificate.Thumbprint).ToList()) chain.Remove(served);
        return new HttpsCertificate(Servable(certificate), chain, Path.GetFullPath(certificatePath), selfSigned);
    }

    /// <summary>
    /// A client handler that trusts exactly this certificate and nothing else: for the emulator's own requests to its
    /// own HTTPS port (the console's "send a request"), which no system trust store knows when the certificate is self-signed.
    /// </summary>
    public SocketsHttpHandler PinnedHandler() => new()
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(Certificate.RawData) },
    };

    private static readonly string[] KeyLabels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

    private static string ReadPem(string path, string option)
    {
        if (!File.Exists(path)) throw new UsageException($"{option} {path} does not exist");
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option} {path} cannot be read: {e.Message}");
        }
    }

    private static bool HasLabel(string text, string label) =>
        text.Contains($"-----BEGIN {label}-----", StringComparison.Ordinal);

    /// <summary>.NET says so in its message only (no error code of its own): "The provided key does not match the public key for this certificate."</summary>
    private static bool IsKeyMismatch(CryptographicException e) =>
        e.Message.Contains("does not match", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Windows' TLS (SChannel) cannot use a key that exists only in memory, as one read from PEM does: there the pair
    /// goes through PKCS#12 once. Elsewhere (OpenSSL) it is served as read.
    /// </summary>
    private static X509Certificate2 Servable(X509Certificate2 certificate) =>
        OperatingSystem.IsWindows() ? X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null) : certificate;
}
