using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Backend.Local.Tests.Native;

/// <summary>binutils' readelf, run only to cross-check <see cref="ElfFile"/> in tests; nothing else depends on it.</summary>
static partial class Readelf
{
    public static string? Path() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, "readelf"))
            .FirstOrDefault(File.Exists);

    /// <summary>The NEEDED libraries and version-needed entries that `readelf -d -V` prints, in its order.</summary>
    public static async Task<(List<string> Needed, List<VersionNeed> VersionNeeds)> NeedsAsync(string elfPath)
    {
        var start = new ProcessStartInfo(Path() ?? throw new InvalidOperationException("readelf is not on PATH."))
        {
            ArgumentList = { "--wide", "--dynamic", "--version-info", elfPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["LC_ALL"] = "C"; // the patterns below match the untranslated text
        using var process = Process.Start(start) ?? throw new InvalidOperationException("readelf did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"readelf exited {process.ExitCode}: {await errors}");

        var needed = NeededLine().Matches(output).Select(m => m.Groups[1].Value).ToList();
        // Only the "Version needs section" lists File:/Name: pairs; the version definitions before it say "Name:" too.
        int needsAt = output.IndexOf("Version needs section", StringComparison.Ordinal);
        var versionNeeds = new List<(string File, List<string> Names)>();
        if (needsAt >= 0)
        {
            foreach (Match line in VersionNeedLine().Matches(output[needsAt..]))
            {
                if (line.Groups["file"].Success) versionNeeds.Add((line.Groups["file"].Value, []));
                else versionNeeds[^1].Names.Add(line.Groups["name"].Value);
            }
        }
        return (needed, versionNeeds.Select(n => new VersionNeed(n.File, n.Names)).ToList());
    }

    // " 0x0000000000000001 (NEEDED)             Shared library: [libc.so.6]"
    [GeneratedRegex(@"\(NEEDED\)\s+Shared library: \[([^\]]+)\]")]
    private static partial Regex NeededLine();

    // "  000000: Version: 1  File: libc.so.6  Cnt: 5" then "  0x0010:   Name: GLIBC_2.2.5  Flags: none  Version: 2"
    [GeneratedRegex(@"File: (?<file>\S+)\s+Cnt:|Name: (?<name>\S+)\s+Flags:")]
    private static partial Regex VersionNeedLine();
}
