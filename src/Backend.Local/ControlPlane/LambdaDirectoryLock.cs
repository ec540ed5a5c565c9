using Backend.Local.Hosting;

namespace Backend.Local.ControlPlane;

/// <summary>
/// One emulator per Lambda state folder: two writing the same functions' files would each serve a state the other
/// no longer has. Held while the server runs (the file is kept: deleting a lock another process just opened would
/// give two holders).
/// </summary>
public sealed class LambdaDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private LambdaDirectoryLock(FileStream file) => _file = file;

    public static LambdaDirectoryLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        try
        {
            return new LambdaDirectoryLock(new FileStream(Path.Combine(directory, "lambda.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new UsageException($"the Lambda API folder {directory} is in use by another emulator: stop that one, or run this one with --in-memory");
        }
    }

    public void Dispose() => _file.Dispose();
}
