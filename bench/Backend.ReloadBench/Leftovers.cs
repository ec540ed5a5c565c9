using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Backend.ReloadBench;

/// <summary>
/// Processes the emulator may leave behind: itself, its compiler server (VBCSCompiler, pipe backend-local-&lt;pid&gt;),
/// its function processes and DynamoDB Local. Other sessions on the machine may run their own emulators, tests and
/// compilers at the same time, so "new since we started" is not "ours": ours are the emulator's process tree as it
/// was just before SIGTERM, and any process that names its pipe or the copy.
/// </summary>
public sealed class Leftovers(int emulatorPid, string copyRoot)
{
    private static readonly string[] Patterns = ["Backend.Local.dll", "VBCSCompiler", "DynamoDBLocal.jar"];

    private HashSet<int> _tree = [emulatorPid];

    /// <summary>Called while the emulator still runs: it and its descendants (function processes, DynamoDB Local, builds).</summary>
    public void RememberTree()
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ParentOf(pid) is { } parent) parents[pid] = parent;
        }
        var tree = new HashSet<int> { emulatorPid };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                if (tree.Contains(parent) && tree.Add(pid)) grew = true;
            }
        }
        _tree = tree;
    }

    /// <summary>/proc/&lt;pid&gt;/stat's fourth field; the second (the name, in parentheses) may itself hold spaces and parentheses.</summary>
    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null; // exited meanwhile
        }
    }

    /// <summary>Per pattern, this run's processes still alive (pid and command line), and how many matching ones are others'.</summary>
    public async Task<IReadOnlyList<(string Pattern, IReadOnlyList<string> Ours, int Others)>> CheckAsync()
    {
        var pipe = new Regex($@"backend-local-{emulatorPid}\b");
        var report = new List<(string, IReadOnlyList<string>, int)>();
        foreach (var pattern in Patterns.Append(copyRoot))
        {
            var matching = await PgrepAsync(pattern);
            var ours = matching.Where(p => _tree.Contains(p.Pid) || p.CommandLine.Contains(copyRoot, StringComparison.Ordinal) || pipe.IsMatch(p.CommandLine)).ToList();
            report.Add((pattern, ours.Select(p => $"{p.Pid} {p.CommandLine}").ToList(), matching.Count - ours.Count));
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
