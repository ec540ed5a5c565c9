using System.Globalization;

namespace Backend.LoadBench;

/// <summary>One process of a tree: its id, command name (/proc/&lt;pid&gt;/comm), command line and resident memory in MB.</summary>
public sealed record ProcessInfo(int Pid, string Name, string CommandLine, double RssMb);

/// <summary>A process and its descendants, read from /proc (Linux): the memory a server costs is its whole tree's.</summary>
public static class ProcessTree
{
    /// <summary>The root and every descendant alive now; a process that ends while it is read is left out.</summary>
    public static IReadOnlyList<ProcessInfo> Snapshot(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (ParentOf(pid) is not { } parent) continue;
            if (!children.TryGetValue(parent, out var list)) children[parent] = list = [];
            list.Add(pid);
        }
        var tree = new List<ProcessInfo>();
        var pending = new Queue<int>([root]);
        while (pending.TryDequeue(out var pid))
        {
            if (Read(pid) is { } info) tree.Add(info);
            foreach (var child in children.GetValueOrDefault(pid) ?? []) pending.Enqueue(child);
        }
        return tree;
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // The command name in stat may hold spaces and ')': the fields after the last ')' are state, then ppid.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // ended while we read
        }
    }

    private static ProcessInfo? Read(int pid)
    {
        try
        {
            var name = File.ReadAllText($"/proc/{pid}/comm").Trim();
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
            var rss = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            // A zombie has no VmRSS line: it holds no memory.
            var kilobytes = rss is null ? 0 : double.Parse(rss.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return new ProcessInfo(pid, name, commandLine, kilobytes / 1024);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
