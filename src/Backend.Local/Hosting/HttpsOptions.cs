using System.CommandLine;

namespace Backend.Local.Hosting;

/// <summary>
/// HTTPS on `start`, `start-api` and `start-lambda`: --ssl-cert-file and --ssl-key-file as SAM CLI's `sam local
/// start-api` takes them (aws-sam-cli samcli/commands/local/start_api/cli.py: two PEM paths, each requiring the
/// other), or --ssl-self-signed for a certificate of the emulator's own under .local/tls/.
/// </summary>
internal sealed class HttpsOptions
{
    private readonly Option<string?> _certificate = new("--ssl-cert-file") { Description = "Serve the APIs and the Lambda Invoke API over HTTPS with this PEM certificate (with --ssl-key-file)" };
    private readonly Option<string?> _key = new("--ssl-key-file") { Description = "The PEM private key of --ssl-cert-file (unencrypted)" };
    private readonly Option<bool> _selfSigned = new("--ssl-self-signed") { Description = "Serve over HTTPS with a self-signed certificate for localhost, made once in .local/tls/ and reused while valid" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _certificate, _key, _selfSigned }) command.Options.Add(option);
    }

    /// <summary>The options with the certificate to serve with (none: plain HTTP).</summary>
    public LocalServerOptions Apply(ParseResult parse, LocalServerOptions options, TextWriter console) =>
        options with { Https = Read(parse, options.Template.Directory, console) };

    /// <summary>The certificate to serve with, null for plain HTTP; the self-signed one lives beside the template, as the rest of .local/ does.</summary>
    private HttpsCertificate? Read(ParseResult parse, string templateDirectory, TextWriter console)
    {
        var certificate = parse.GetValue(_certificate);
        var key = parse.GetValue(_key);
        var selfSigned = parse.GetValue(_selfSigned);
        if (selfSigned && (certificate ?? key) is not null)
            throw new UsageException("--ssl-self-signed makes its own certificate: give it, or --ssl-cert-file and --ssl-key-file, not both");
        if (selfSigned)
        {
            var (made, created) = SelfSignedCertificate.Ensure(Path.Combine(templateDirectory, ".local", "tls"), DateTimeOffset.UtcNow);
            if (created) console.WriteLine($"Created a self-signed certificate for localhost, 127.0.0.1 and ::1: {made.CertificatePath} (valid until {made.Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd})");
            return made;
        }
        return (certificate, key) switch
        {
            (null, null) => null,
            ({ } c, { } k) => HttpsCertificate.Load(c, k),
            (null, _) => throw new UsageException("--ssl-key-file needs --ssl-cert-file: give both (or --ssl-self-signed)"),
            (_, null) => throw new UsageException("--ssl-cert-file needs --ssl-key-file: give both (or --ssl-self-signed)"),
        };
    }
}
