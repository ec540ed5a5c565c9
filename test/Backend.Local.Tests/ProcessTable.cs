using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Backend.Local.Tests;

/// <summary>Linux's /proc, read by the tests that run the real command line: who runs, whose child, with what arguments.</summary>
internal static class ProcessTable
{
    /// <summary>Every process below this one, from /proc's parent links.</summary>
    public static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var pid in All()) if (ParentOf(pid) is { } parent) parents[pid] = parent;
        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var parent))
        {
            foreach (var (pid, ppid) in parents)
            {
                if (ppid != parent) continue;
                found.Add(pid);
                frontier.Enqueue(pid);
            }
        }
        return found;
    }

    public static IEnumerable<int> All() =>
        Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0);

    public static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException)
        {
            return null; // gone while we looked
        }
    }

    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>The running DynamoDB Local JVMs whose command line names this data folder.</summary>
    public static List<int> DynamoDbLocalsOn(string dataDirectory) =>
        All().Where(pid => CommandLine(pid) is var line && line.Contains("DynamoDBLocal.jar", StringComparison.Ordinal)
            && line.Contains(dataDirectory, StringComparison.Ordinal) && Alive(pid)).ToList();

    /// <summary>Running, not merely a zombie waiting for its parent; a process that vanished is not alive.</summary>
    public static bool Alive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
