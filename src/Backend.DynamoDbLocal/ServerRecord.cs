using System.Globalization;

namespace Backend.DynamoDbLocal;

/// <summary>
/// What was started on a data folder, kept in its <c>dynamodb-local.pid</c>: the JVM outlives an emulator killed
/// with SIGKILL, and the next start reads this to find it. Plain <c>key=value</c> lines.
/// </summary>
internal sealed record ServerRecord(int Pid, int Port, string DataDirectory, int OwnerPid)
{
    public const string FileName = "dynamodb-local.pid";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    public void Write()
    {
        var path = PathIn(DataDirectory);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture,
            $"pid={Pid}\nport={Port}\ndataDirectory={DataDirectory}\nownerPid={OwnerPid}\n"));
        // Renamed into place: a reader never sees half a record.
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The record of this data folder; null when there is none or it is unreadable (then nothing is trusted).</summary>
    public static ServerRecord? Read(string dataDirectory)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(PathIn(dataDirectory));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var values = lines.Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return Number(values, "pid") is { } pid && Number(values, "port") is { } port && values.GetValueOrDefault("dataDirectory") is { } data
            ? new ServerRecord(pid, port, data, Number(values, "ownerPid") ?? 0)
            : null;
    }

    public static void Delete(string dataDirectory)
    {
        try
        {
            File.Delete(PathIn(dataDirectory));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A record left behind names a process that is gone: the next start checks before trusting it.
        }
    }

    private static int? Number(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
