namespace Backend.DynamoDbLocal;

/// <summary>
/// One server per data folder: <c>dynamodb-local.lock</c> in it, held open exclusively (an advisory flock on Linux)
/// by the process that started DynamoDB Local, for as long as it runs. The kernel drops it when that process dies,
/// however it dies; a JVM it leaves behind is found through <see cref="ServerRecord"/> by the next start.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "dynamodb-local.lock";

    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        try
        {
            // Not deleted on release: deleting a lock file another process has just opened would give two holders.
            return new DataDirectoryLock(new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            var holder = ServerRecord.Read(ServerRecord.PathIn(dataDirectory)) is { } record
                ? $" (process {record.OwnerPid}, with DynamoDB Local as process {record.Pid} on port {record.Port})"
                : "";
            throw new DynamoDbLocalException($"the data folder {dataDirectory} is in use by another emulator{holder}: two servers must not share one data folder; stop that one, or use another data folder");
        }
    }

    public void Dispose() => _file.Dispose();
}
