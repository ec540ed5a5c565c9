namespace Backend.ReloadBench;

/// <summary>The one-line edit: Calculator.cs's Add line gets a new constant; timed until <c>GET /prod/calc/1/2/%2B</c> answers the new sum.</summary>
public static class CalcReloads
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static async Task<Reload> OnceAsync(Edits edits, Probes probes, Emulator emulator)
    {
        var mark = emulator.LineCount;
        var saved = edits.ChangeCalcAdd();
        var expected = edits.ExpectedSum;
        TimeSpan elapsed;
        try
        {
            elapsed = await Probes.UntilAsync(saved, async () => await probes.CalcSumAsync() == expected, Timeout, $"Calc answering {expected}");
        }
        catch (TimeoutException e)
        {
            throw ReloadLines.NotSeen(emulator, mark, e);
        }
        // The line is printed once the swap is done, which may be read a moment after the first new response.
        await emulator.WaitForLineAsync(mark, l => l.Contains("Reloaded CalcFunction", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        return new Reload(elapsed, ReloadLines.Since(emulator, mark));
    }

    /// <summary>One warm-up edit (the first rebuild pays for a cold compiler server), then <paramref name="count"/> measured ones.</summary>
    public static async Task<IReadOnlyList<Reload>> RunAsync(Edits edits, Probes probes, Emulator emulator, int count)
    {
        await OnceAsync(edits, probes, emulator);
        var reloads = new List<Reload>();
        for (var i = 0; i < count; i++) reloads.Add(await OnceAsync(edits, probes, emulator));
        return reloads;
    }
}
