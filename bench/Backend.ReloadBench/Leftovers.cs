using System.Diagnostics;

namespace Backend.ReloadBench;

/// <summary>
/// Processes the emulator may leave behind: itself, its compiler server (VBCSCompiler, pipe backend-local-&lt;pid&gt;),
/// its function processes and DynamoDB Local (both run from the copy). Listed before it starts and after it stops;
/// only those that are new, or that name the emulator's pipe or the copy, are its own (other sessions may run theirs).
/// </summary>
public sealed class Leftovers
{
    private static readonly string[] Patterns = ["Backend.Local.dll", "VBCSCompiler", "DynamoDBLocal.jar"];

    private readonly HashSet<int> _before;

    private Leftovers(HashSet<int> before) => _before = before;

    public static async Task<Leftovers> SnapshotAsync()
    {
        var before = new HashSet<int>();
        foreach (var pattern in Patterns)
        {
            foreach (var (pid, _) in await PgrepAsync(pattern)) before.Add(pid);
        }
        return new Leftovers(before);
    }

    /// <summary>"pattern: none" per pattern, or the processes that remain, with their command lines.</summary>
    public async Task<IReadOnlyList<(string Pattern, IReadOnlyList<string> Remaining)>> CheckAsync(int emulatorPid, string copyRoot)
    {
        var report = new List<(string, IReadOnlyList<string>)>();
        foreach (var pattern in Patterns.Append(copyRoot))
        {
            var ours = (await PgrepAsync(pattern))
                .Where(p => !_before.Contains(p.Pid) || p.CommandLine.Contains($"backend-local-{emulatorPid}", StringComparison.Ordinal)
                            || p.CommandLine.Contains(copyRoot, StringComparison.Ordinal) || p.Pid == emulatorPid)
                .Select(p => $"{p.Pid} {p.CommandLine}")
                .ToList();
            report.Add((pattern, ours));
        }
        return report;
    }

    private static async Task<List<(int Pid, string CommandLine)>> PgrepAsync(string pattern)
    {
        var start = new ProcessStartInfo("pgrep") { RedirectStandardOutput = true };
        start.ArgumentList.Add("-af");
        start.ArgumentList.Add(pattern);
        using var pgrep = Process.Start(start) ?? throw new InvalidOperationException("pgrep did not start");
        var output = await pgrep.StandardOutput.ReadToEndAsync();
        await pgrep.WaitForExitAsync();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Select(parts => (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts.Length > 1 ? parts[1] : ""))
            .ToList();
    }
}
