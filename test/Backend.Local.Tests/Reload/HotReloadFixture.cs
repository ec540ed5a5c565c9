using System.Text.RegularExpressions;
using Backend.Local.Hosting;

namespace Backend.Local.Tests.Reload;

/// <summary>
/// The emulator watching a copy of this repository (Calc and Books, built there at start as `start` builds them),
/// for tests that edit the copy and wait for what the emulator says and serves.
/// </summary>
public class HotReloadFixture : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string>? _parameterOverrides;
    private readonly string[] _functions;

    public HotReloadFixture()
        : this(null, ["CalcFunction", "BooksFunction"])
    {
    }

    protected HotReloadFixture(IReadOnlyDictionary<string, string>? parameterOverrides, string[] functions)
    {
        _parameterOverrides = parameterOverrides;
        _functions = functions;
    }

    public ProjectCopy Copy { get; } = new();
    public LocalServer Server { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public CapturedOutput Console { get; } = new();

    public async Task InitializeAsync()
    {
        Server = await LocalServer.StartAsync(new LocalServerOptions
        {
            Template = TemplateFile.Load(Copy.PathOf("template.yaml"), _parameterOverrides),
            ApiPort = 0,
            LambdaPort = 0,
            InMemory = true,
            OnlyFunctions = _functions,
            Watch = true,
            // Reloads under load (HotReloadTests' request loops) would meet template.yaml's throttling.
            Throttling = false,
            Console = Console,
        });
        Api = new HttpClient { BaseAddress = Server.ApiUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>What the emulator printed so far.</summary>
    public string Output => Console.ToString();

    /// <summary>How many times a line matching the pattern was printed.</summary>
    public int Count(string pattern) => Regex.Matches(Output, pattern, RegexOptions.Multiline).Count;

    /// <summary>Waits until the emulator has printed a line matching the pattern more than <paramref name="before"/> times.</summary>
    public async Task WaitForLineAsync(string pattern, int before, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (Count(pattern) <= before)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"no new line matching '{pattern}' in time; the emulator printed:\n{Output}");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits until a GET answers with a body containing the text.</summary>
    public async Task<string> WaitForBodyAsync(string path, string expected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            // Before a reload the route may not exist yet (403): keep asking.
            using var response = await Api.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (body.Contains(expected, StringComparison.Ordinal)) return body;
            if (DateTime.UtcNow > deadline) Assert.Fail($"GET {path} still answers {body}, not {expected}; the emulator printed:\n{Output}");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
        Copy.Dispose();
    }
}

[CollectionDefinition("hot reload")]
public sealed class HotReloadCollection : ICollectionFixture<HotReloadFixture>;

/// <summary>The same on Calc alone with Packaging=native: the copy's start builds its bootstrap, a save rebuilds it.</summary>
public sealed class NativeHotReloadFixture() : HotReloadFixture(new Dictionary<string, string> { ["Packaging"] = "native" }, ["CalcFunction"]);

[CollectionDefinition("native hot reload")]
public sealed class NativeHotReloadCollection : ICollectionFixture<NativeHotReloadFixture>;
