using System.Diagnostics;
using Microsoft.Playwright;

namespace Backend.Local.Tests.WebConsole;

/// <summary>
/// Debian's Chromium, driven by Playwright: installed with apt-get when the machine lacks it (no browser is ever
/// downloaded by a test tool), started headless with what a closed network needs (no background connections).
/// </summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";
    private static readonly SemaphoreSlim Installing = new(1, 1);

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        await EnsureInstalledAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    private static async Task EnsureInstalledAsync()
    {
        await Installing.WaitAsync();
        try
        {
            if (File.Exists(Path)) return;
            Console.Error.WriteLine("Installing chromium (Debian) for the console's browser tests ...");
            await RunAsync("apt-get", "update", "-qq");
            await RunAsync("apt-get", "install", "-y", "-qq", "chromium");
            Assert.True(File.Exists(Path), $"apt-get install chromium did not provide {Path}");
        }
        finally
        {
            Installing.Release();
        }
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }
}
