namespace Backend.ReloadBench;

public sealed record UnderLoad(WrkFigures Wrk, IReadOnlyList<Reload> Reloads);

/// <summary>
/// Calc reloads one after another while wrk keeps 8 connections busy on the same route: every swap happens with
/// requests in flight, which must all be answered (by the old build or the new one), none dropped or failed.
/// </summary>
public static class ReloadsUnderLoad
{
    public static async Task<UnderLoad> RunAsync(Edits edits, Probes probes, Emulator emulator, string wrkScript, int count)
    {
        // The window is ended by SIGINT right after the last reload is served; the duration only bounds a run that hangs.
        var wrk = WrkRun.Start(probes.CalcUrl, wrkScript, threads: 2, connections: 8, longest: TimeSpan.FromMinutes(20));
        var reloads = new List<Reload>();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2)); // let the load settle before the first save
            for (var i = 0; i < count; i++) reloads.Add(await CalcReloads.OnceAsync(edits, probes, emulator));
        }
        catch
        {
            await wrk.StopAsync(); // no wrk outlives a failed reload
            throw;
        }
        return new UnderLoad(await wrk.StopAsync(), reloads);
    }
}
