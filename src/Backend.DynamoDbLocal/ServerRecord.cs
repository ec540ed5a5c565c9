using System.Globalization;

namespace Backend.DynamoDbLocal;

/// <summary>
/// What was started, kept beside it: a data folder's <c>dynamodb-local.pid</c>, or an in-memory server's
/// <c>.local/dynamodb-local/run/dynamodb-local-&lt;pid&gt;.pid</c>. The JVM outlives an emulator killed with SIGKILL,
/// and the next start reads this to find it. Plain <c>key=value</c> lines; DataDirectory is null for in-memory.
/// </summary>
internal sealed record ServerRecord(int Pid, int Port, string? DataDirectory, int OwnerPid)
{
    public const string FileName = "dynamodb-local.pid";

    /// <summary>The record of the server on a data folder.</summary>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>The record of an in-memory server, one per JVM in the folder it runs in.</summary>
    public static string InMemoryPath(string runDirectory, int pid) => Path.Combine(runDirectory, $"dynamodb-local-{pid}.pid");

    public const string InMemoryPattern = "dynamodb-local-*.pid";

    public void Write(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture,
            $"pid={Pid}\nport={Port}\ndataDirectory={DataDirectory}\nownerPid={OwnerPid}\n"));
        // Renamed into place: a reader never sees half a record.
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The record in this file; null when there is none or it is unreadable (then nothing is trusted).</summary>
    public static ServerRecord? Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var values = lines.Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return Number(values, "pid") is { } pid && Number(values, "port") is { } port
            ? new ServerRecord(pid, port, values.GetValueOrDefault("dataDirectory") is { Length: > 0 } data ? data : null, Number(values, "ownerPid") ?? 0)
            : null;
    }

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A record left behind names a process that is gone: the next start checks before trusting it.
        }
    }

    private static int? Number(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
