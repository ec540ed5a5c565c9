using System.Globalization;

namespace Backend.Local.ControlPlane;

/// <summary>
/// With --in-memory, what the Lambda API creates lives in a temporary folder named after the emulator's process
/// id, deleted when the emulator stops. One killed (kill -9) could not delete its own: the next emulator deletes
/// those of processes that no longer run.
/// </summary>
public static class TemporaryLambdaDirectory
{
    private const string Prefix = "backend-local-lambda-";

    public static string Create()
    {
        RemoveOrphans();
        return Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
    }

    private static void RemoveOrphans()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var pidText = Path.GetFileName(folder)[Prefix.Length..].Split('-')[0];
            if (!int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || Directory.Exists($"/proc/{pid}")) continue;
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's, or being removed by another emulator: not ours to insist on.
            }
        }
    }
}
