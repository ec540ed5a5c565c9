using Backend.Local.Hosting;

namespace Backend.Local.Tests.Https;

/// <summary>
/// --ssl-cert-file, --ssl-key-file and --ssl-self-signed given wrong, through the command line: one line on stderr and
/// exit 2, before anything starts (no port is taken, no certificate made), on each server command.
/// </summary>
public sealed class HttpsOptionsTests : IDisposable
{
    private readonly TestCertificates _files = new();
    private readonly string _template = Path.Combine(AppContext.BaseDirectory, "faulty-template.yaml");

    public void Dispose() => _files.Dispose();

    private async Task<(int Exit, string Error)> StartAsync(string command, params string[] https)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] ports = command switch
        {
            "start" => ["--port", "0", "--lambda-port", "0", "--console-port", "0"],
            "start-api" => ["--port", "0"],
            _ => ["--lambda-port", "0"],
        };
        var exit = await Cli.RunAsync([command, "--template", _template, "--artifacts", AppContext.BaseDirectory, "--in-memory", "--no-watch", .. ports, .. https], output, error);
        return (exit, error.ToString());
    }

    private static void AssertOneLine(string expected, (int Exit, string Error) result)
    {
        Assert.True(result.Exit == 2, $"exit {result.Exit}: {result.Error}");
        Assert.Equal("error: " + expected, Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Theory]
    [InlineData("start")]
    [InlineData("start-api")]
    [InlineData("start-lambda")]
    public async Task The_certificate_without_its_key_is_refused(string command)
    {
        var (certificate, _, _) = _files.Pair("server");

        AssertOneLine("--ssl-cert-file needs --ssl-key-file: give both (or --ssl-self-signed)", await StartAsync(command, "--ssl-cert-file", certificate));
    }

    [Fact]
    public async Task The_key_without_its_certificate_is_refused()
    {
        var (_, key, _) = _files.Pair("server");

        AssertOneLine("--ssl-key-file needs --ssl-cert-file: give both (or --ssl-self-signed)", await StartAsync("start-api", "--ssl-key-file", key));
    }

    [Fact]
    public async Task Self_signed_and_given_files_contradict_each_other()
    {
        var (certificate, key, _) = _files.Pair("server");

        AssertOneLine("--ssl-self-signed makes its own certificate: give it, or --ssl-cert-file and --ssl-key-file, not both",
            await StartAsync("start-lambda", "--ssl-self-signed", "--ssl-cert-file", certificate, "--ssl-key-file", key));
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, ".local", "tls")), "no certificate is made for a command that does not run");
    }

    [Fact]
    public async Task A_missing_file_is_refused()
    {
        var (_, key, _) = _files.Pair("server");
        var missing = Path.Combine(_files.Directory, "nope.crt");

        AssertOneLine($"--ssl-cert-file {missing} does not exist", await StartAsync("start", "--ssl-cert-file", missing, "--ssl-key-file", key));
    }

    [Fact]
    public async Task A_file_that_is_not_pem_is_refused()
    {
        var (_, key, made) = _files.Pair("server");
        var der = Path.Combine(_files.Directory, "server.der");
        File.WriteAllBytes(der, made.RawData);

        AssertOneLine($"--ssl-cert-file {der} holds no PEM certificate (-----BEGIN CERTIFICATE-----)", await StartAsync("start-api", "--ssl-cert-file", der, "--ssl-key-file", key));
    }

    [Fact]
    public async Task A_key_that_does_not_match_is_refused()
    {
        var (certificate, _, _) = _files.Pair("server");
        var (_, otherKey, _) = _files.Pair("other");

        AssertOneLine($"--ssl-key-file {otherKey} is not the key of the certificate in --ssl-cert-file {certificate}",
            await StartAsync("start-lambda", "--ssl-cert-file", certificate, "--ssl-key-file", otherKey));
    }
}
