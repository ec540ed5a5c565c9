using System.Globalization;
using Backend.DynamoDbLocal;

namespace Backend.Local.Hosting;

/// <summary>
/// Which process listens on a TCP port, so a taken port can be named with what took it (another emulator, say).
/// Linux's /proc only: the port's listening socket in net/tcp and net/tcp6, then the process holding that socket
/// among the fds in /proc/*/fd. Null elsewhere, or when the owner is not ours to read.
/// </summary>
internal static class PortListener
{
    private const string Listening = "0A"; // TCP_LISTEN in /proc/net/tcp's st column

    /// <summary><c>process 4242 (dotnet Backend.Local.dll start)</c>, or null when it cannot be told.</summary>
    public static string? Describe(int port)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var sockets = ListeningSockets(port);
        if (sockets.Count == 0) return null;
        foreach (var directory in SafeEnumerate(() => Directory.EnumerateDirectories("/proc")))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            foreach (var fd in SafeEnumerate(() => Directory.GetFileSystemEntries(Path.Combine(directory, "fd"))))
            {
                if (LinkTarget(fd) is { } target && sockets.Contains(target)) return $"process {pid} ({CommandLine(pid)})";
            }
        }
        return null;
    }

    /// <summary>The listening sockets on the port, as their fds link to them: <c>socket:[inode]</c>.</summary>
    private static HashSet<string> ListeningSockets(int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var line in SafeEnumerate(() => File.ReadAllLines(table)).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == Listening && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal))
                    sockets.Add($"socket:[{fields[9]}]");
            }
        }
        return sockets;
    }

    private static string CommandLine(int pid)
    {
        var arguments = ProcFs.CommandLine(pid);
        if (arguments.Length == 0) return "unknown";
        // Program and assembly by file name: "dotnet Backend.Local.dll start", not two absolute paths.
        var text = string.Join(' ', arguments.Take(4).Select((a, i) => i < 2 && a.Contains('/', StringComparison.Ordinal) ? Path.GetFileName(a) : a));
        return text.Length <= 80 ? text : text[..77] + "...";
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // the fd closed meanwhile, or the process is not ours to read
        }
    }

    private static IEnumerable<T> SafeEnumerate<T>(Func<IEnumerable<T>> read)
    {
        try
        {
            return read().ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
