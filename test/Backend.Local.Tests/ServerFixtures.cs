using Backend.Local.Hosting;
using Backend.Lambda.TestUtilities;

namespace Backend.Local.Tests;

/// <summary>
/// The emulator on free ports, running template.yaml's functions from the assemblies beside the tests, or (with
/// <paramref name="parameterOverrides"/> that make them Native AOT) from the emulator's own build of them.
/// </summary>
/// <param name="throttling">
/// Off unless asked, as for a load test (--no-throttling): the fixtures on template.yaml are shared by tests that
/// send thousands of requests (LoadWithoutLossTests, BooksThroughTheEmulatorTests), beyond its 100 per second.
/// </param>
public class ServerFixture(string templatePath, IReadOnlyDictionary<string, string>? parameterOverrides = null, bool throttling = false) : IAsyncLifetime
{
    public LocalServer Server { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public HttpClient Lambda { get; private set; } = null!;
    public CapturedOutput Console { get; } = new();
    public TemplateFile Template { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var template = Template = TemplateFile.Load(templatePath, parameterOverrides);
        var native = template.Model.Functions.Any(Backend.Local.Building.Packaging.IsNative);
        Server = await LocalServer.StartAsync(new LocalServerOptions
        {
            Template = template,
            ApiPort = 0,
            LambdaPort = 0,
            InMemory = true,
            Throttling = throttling,
            // The tests' output folder holds the managed assemblies; native bootstraps are the emulator's to build.
            Assemblies = native ? null : Prebuilt.Find(template.Model, AppContext.BaseDirectory),
            Console = Console,
        });
        Api = new HttpClient { BaseAddress = Server.ApiUrl, Timeout = TimeSpan.FromSeconds(60) };
        Lambda = new HttpClient { BaseAddress = Server.LambdaUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        Lambda.Dispose();
        await Server.DisposeAsync();
    }
}

public sealed class RepositoryServerFixture() : ServerFixture(RepositoryFiles.PathOf("template.yaml"));

/// <summary>
/// template.yaml with Packaging=native: the emulator builds every function as Native AOT, as `start` does (kept in
/// .local/functions/native/ and reused while nothing it is built from changes, so a test run builds them once), and
/// runs the bootstraps on provided.al2023's terms. The functions' end-to-end tests run against it too.
/// </summary>
public sealed class NativeServerFixture() : ServerFixture(RepositoryFiles.PathOf("template.yaml"), new Dictionary<string, string> { ["Packaging"] = "native" });

public sealed class FaultyServerFixture() : ServerFixture(Path.Combine(AppContext.BaseDirectory, "faulty-template.yaml"));

/// <summary>cors-template.yaml, throttled as it says (ThrottlingTests): none of CorsTests' routes has a limit.</summary>
public sealed class CorsServerFixture() : ServerFixture(Path.Combine(AppContext.BaseDirectory, "cors-template.yaml"), throttling: true);

public sealed class BinaryServerFixture() : ServerFixture(Path.Combine(AppContext.BaseDirectory, "binary-template.yaml"));

public sealed class AuthorizerServerFixture() : ServerFixture(Path.Combine(AppContext.BaseDirectory, "authorizer-template.yaml"));

[CollectionDefinition("repository server")]
public sealed class RepositoryServerCollection : ICollectionFixture<RepositoryServerFixture>;

[CollectionDefinition("native server")]
public sealed class NativeServerCollection : ICollectionFixture<NativeServerFixture>;

[CollectionDefinition("faulty server")]
public sealed class FaultyServerCollection : ICollectionFixture<FaultyServerFixture>;

[CollectionDefinition("cors server")]
public sealed class CorsServerCollection : ICollectionFixture<CorsServerFixture>;

[CollectionDefinition("binary server")]
public sealed class BinaryServerCollection : ICollectionFixture<BinaryServerFixture>;

[CollectionDefinition("authorizer server")]
public sealed class AuthorizerServerCollection : ICollectionFixture<AuthorizerServerFixture>;

/// <summary>
/// The emulator on template.yaml for the control-plane tests, apart from the repository server so that functions
/// created, changed and deleted through the Lambda API never meet the other tests. Tests name their functions uniquely.
/// </summary>
public sealed class ControlPlaneServerFixture() : ServerFixture(RepositoryFiles.PathOf("template.yaml"))
{
    public Backend.Local.Tests.ControlPlane.AwsCli Aws => new(Server.LambdaUrl!);

    public Backend.Local.Tests.ControlPlane.Boto3 Boto3 => new(Server.LambdaUrl!);
}

[CollectionDefinition("control plane server")]
public sealed class ControlPlaneServerCollection : ICollectionFixture<ControlPlaneServerFixture>;
