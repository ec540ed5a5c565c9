using System.Security.Cryptography.X509Certificates;

namespace Backend.Local.Tests.Https;

/// <summary>
/// The real command line, `start --ssl-self-signed`, on faulty-template.yaml (no tables: no DynamoDB Local to wait for)
/// copied into a temporary folder: the certificate it makes goes to that folder's .local/tls/, never the repository's,
/// and goes with it. Its working directory is that folder, as a user's would be their project's.
/// </summary>
public sealed class SelfSignedEmulatorFixture : IAsyncLifetime
{
    private EmulatorProcess _emulator = null!;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("https-emulator-").FullName;
    public string CertificatePath => Path.Combine(Directory, ".local", "tls", "localhost.crt");
    public X509Certificate2 Certificate { get; private set; } = null!;
    public string Output => _emulator.Output;
    public Uri ApiUrl => Listed("API Gateway:");
    public Uri LambdaUrl => Listed("Lambda API:");
    public Uri ConsoleUrl => Listed("Console:");

    public async Task InitializeAsync()
    {
        var template = Path.Combine(Directory, "faulty-template.yaml");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "faulty-template.yaml"), template);
        _emulator = EmulatorProcess.Start(["start", "--template", template, "--artifacts", AppContext.BaseDirectory, "--in-memory", "--no-watch",
            "--port", "0", "--lambda-port", "0", "--console-port", "0", "--ssl-self-signed"], workingDirectory: Directory);
        await _emulator.WaitUntilReadyAsync(tables: false);
        Certificate = X509CertificateLoader.LoadCertificateFromFile(CertificatePath);
    }

    public Task DisposeAsync()
    {
        _emulator.Dispose();
        Certificate?.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A listener's URL as the banner gives it: <c>API Gateway:      https://127.0.0.1:41234</c>.</summary>
    private Uri Listed(string label)
    {
        var line = Output.Split('\n').First(l => l.StartsWith(label, StringComparison.Ordinal));
        return new Uri(line[label.Length..].Trim().Split(' ')[0]);
    }
}
