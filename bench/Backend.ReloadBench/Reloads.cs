namespace Backend.ReloadBench;

/// <summary>One measured reload: save to first response of the new code or configuration, and what the emulator printed about it.</summary>
public sealed record Reload(TimeSpan Elapsed, IReadOnlyList<string> EmulatorLines);

/// <summary>A save in src/Backend.Lambda: all four functions rebuild; when each one had a new RevisionId and answered.</summary>
public sealed record SharedLibraryReload(string File, TimeSpan All, IReadOnlyDictionary<string, TimeSpan> PerFunction, IReadOnlyList<string> EmulatorLines);

public static class ReloadLines
{
    /// <summary>The emulator's lines about reloads and failed builds (its invocation log is left out).</summary>
    public static bool IsAboutReload(string line) =>
        line.Contains("Reloaded ", StringComparison.Ordinal) || line.Contains("not reloaded", StringComparison.Ordinal)
        || line.Contains("Build of ", StringComparison.Ordinal) || line.StartsWith("  ", StringComparison.Ordinal);

    public static IReadOnlyList<string> Since(Emulator emulator, int mark) => emulator.LinesSince(mark).Where(IsAboutReload).ToList();

    /// <summary>A reload not seen in time fails the benchmark with what the emulator printed meanwhile (a failed build's errors, say).</summary>
    public static Exception NotSeen(Emulator emulator, int mark, TimeoutException e) =>
        new InvalidOperationException(e.Message + "; the emulator printed:\n" + string.Join('\n', emulator.LinesSince(mark)), e);
}
