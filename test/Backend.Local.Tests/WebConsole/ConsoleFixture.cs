using Backend.Lambda.TestUtilities;
using Backend.Local.Hosting;
using Microsoft.Playwright;

namespace Backend.Local.Tests.WebConsole;

/// <summary>
/// The emulator with its console (the repository's template, the functions built beside the tests, a test events
/// folder of its own) and one headless Chromium. Screenshots go to .local/screenshots/ (git-ignored) for review.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public LocalServer Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public CapturedOutput Output { get; } = new();

    /// <summary>Where the screenshots of each page go, for a reviewer to look at.</summary>
    public static string Screenshots { get; } = RepositoryFiles.PathOf(Path.Combine(".local", "screenshots"));

    public async Task InitializeAsync()
    {
        var template = TemplateFile.Load(RepositoryFiles.PathOf("template.yaml"));
        Server = await LocalServer.StartAsync(new LocalServerOptions
        {
            Template = template,
            ApiPort = 0,
            LambdaPort = 0,
            ConsolePort = 0,
            InMemory = true,
            Assemblies = Prebuilt.Find(template.Model, AppContext.BaseDirectory),
            Console = Output,
        });
        Api = new HttpClient { BaseAddress = Server.ApiUrl };
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A fresh page on the console's view.</summary>
    public async Task<IPage> OpenAsync(string hash = "")
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(new Uri(Server.ConsoleUrl!, "/" + hash).ToString());
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"console-{name}.png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        Api?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }
}

[CollectionDefinition("console")]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>;
