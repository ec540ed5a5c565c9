using Backend.Local.ControlPlane;

namespace Backend.Local.Tests.ControlPlane;

public sealed class TemporaryLambdaDirectoryTests
{
    [Fact]
    public void An_in_memory_folder_left_by_a_killed_emulator_is_removed_and_a_live_ones_is_kept()
    {
        // No process has this id (above Linux's pid_max), as none has a killed emulator's after it died.
        var orphan = Path.Combine(Path.GetTempPath(), $"backend-local-lambda-999999999-{Guid.NewGuid():N}");
        var live = Path.Combine(Path.GetTempPath(), $"backend-local-lambda-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(orphan, "functions"));
        Directory.CreateDirectory(live);
        try
        {
            var created = TemporaryLambdaDirectory.Create();

            Assert.False(Directory.Exists(orphan));
            Assert.True(Directory.Exists(live));
            Assert.Contains($"backend-local-lambda-{Environment.ProcessId}-", created);
        }
        finally
        {
            if (Directory.Exists(orphan)) Directory.Delete(orphan, recursive: true);
            Directory.Delete(live, recursive: true);
        }
    }
}
