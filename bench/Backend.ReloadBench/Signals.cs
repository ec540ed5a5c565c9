using System.Diagnostics;

namespace Backend.ReloadBench;

/// <summary>Signals other than SIGKILL (all Process.Kill sends), through kill(1): SIGTERM stops the emulator cleanly, SIGINT makes wrk print its summary.</summary>
public static class Signals
{
    public static async Task SendAsync(int processId, string signal)
    {
        var start = new ProcessStartInfo("kill");
        start.ArgumentList.Add("-" + signal);
        start.ArgumentList.Add(processId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var kill = Process.Start(start) ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
    }
}
