using System.Diagnostics;

namespace Backend.DynamoDbLocal;

/// <summary>
/// A DynamoDB Local still serving a data folder whose lock nobody holds: the emulator that started it was killed
/// (SIGKILL leaves the JVM running, parented to init). Ours, as its record and its command line both say, is
/// stopped; any other is refused, since two servers on one folder would each overwrite the other's writes.
/// The JVM cannot be made to die with its parent instead: Process.Start offers no PR_SET_PDEATHSIG, and
/// DynamoDB Local does not watch its standard input.
/// </summary>
internal static class StaleServer
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Call with the folder's lock held, so no live emulator owns what is found.</summary>
    public static async Task StopAsync(string dataDirectory, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux()) return; // /proc is how a server is recognised; elsewhere only the lock guards
        var record = ServerRecord.Read(ServerRecord.PathIn(dataDirectory));
        foreach (var pid in ServingProcesses(dataDirectory))
        {
            if (record?.Pid != pid)
                throw new DynamoDbLocalException($"a DynamoDB Local this emulator did not start (process {pid}) already serves the data folder {dataDirectory}: stop it, or use another data folder");
            progress?.Report($"Stopping DynamoDB Local (process {pid}), left running on {dataDirectory} by an emulator that did not stop it ...");
            await KillAsync(pid, cancellationToken);
        }
        ServerRecord.Delete(ServerRecord.PathIn(dataDirectory));
    }

    /// <summary>
    /// In-memory servers whose emulator is gone (killed with SIGKILL): nothing can reach their data any more, so
    /// they are only a leak. Those whose emulator still runs (another emulator, a parallel test run) are left alone.
    /// </summary>
    public static async Task StopOrphansAsync(string runDirectory, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(runDirectory)) return;
        foreach (var file in Directory.GetFiles(runDirectory, ServerRecord.InMemoryPattern))
        {
            if (ServerRecord.Read(file) is not { } record || ProcFs.IsRunning(record.OwnerPid)) continue;
            var arguments = ProcFs.CommandLine(record.Pid);
            var ours = arguments.Any(a => a.EndsWith("DynamoDBLocal.jar", StringComparison.Ordinal)) && arguments.Contains("-inMemory")
                && arguments.SkipWhile(a => a != "-port").Skip(1).FirstOrDefault() == record.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (ours && ProcFs.IsRunning(record.Pid))
            {
                progress?.Report($"Stopping DynamoDB Local (process {record.Pid}, in memory), left running by an emulator that did not stop it ...");
                await KillAsync(record.Pid, cancellationToken);
            }
            ServerRecord.Delete(file);
        }
    }

    /// <summary>Every running DynamoDBLocal.jar whose -dbPath is this folder (a relative one resolved from its working directory).</summary>
    internal static IEnumerable<int> ServingProcesses(string dataDirectory)
    {
        var wanted = Normalize(dataDirectory);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId) continue;
            var arguments = ProcFs.CommandLine(pid);
            if (!arguments.Any(a => a.EndsWith("DynamoDBLocal.jar", StringComparison.Ordinal))) continue;
            var dbPath = arguments.SkipWhile(a => a != "-dbPath").Skip(1).FirstOrDefault();
            var cwd = dbPath is null || Path.IsPathRooted(dbPath) ? "/" : ProcFs.WorkingDirectory(pid);
            if (dbPath is null || cwd is null) continue;
            if (Normalize(Path.GetFullPath(dbPath, cwd)) == wanted && ProcFs.IsRunning(pid)) yield return pid;
        }
    }

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static async Task KillAsync(int pid, CancellationToken cancellationToken)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            // SIGKILL is safe for its data: DynamoDB Local answers a write only once SQLite has committed it.
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return; // gone meanwhile
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new DynamoDbLocalException($"DynamoDB Local (process {pid}) still serves the data folder and cannot be stopped: {e.Message}");
        }
        var waited = Stopwatch.StartNew();
        // Not our child, so there is no exit to await: /proc is watched until it is gone (or a zombie init will reap).
        while (ProcFs.IsRunning(pid))
        {
            if (waited.Elapsed > ExitTimeout)
                throw new DynamoDbLocalException($"DynamoDB Local (process {pid}) did not stop within {ExitTimeout.TotalSeconds} s of SIGKILL");
            await Task.Delay(50, cancellationToken);
        }
    }
}
