namespace Backend.ReloadBench;

/// <summary>A template-only change: BooksFunction's ALLOWED_ORIGIN gets a new value; timed until <c>GET /prod/books</c> sends it back.</summary>
public static class TemplateReloads
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<Reload> OnceAsync(Edits edits, Probes probes, Emulator emulator)
    {
        var mark = emulator.LineCount;
        var saved = edits.ChangeAllowedOrigin(out var origin);
        TimeSpan elapsed;
        try
        {
            elapsed = await Probes.UntilAsync(saved, async () => await probes.BooksOriginAsync() == origin, Timeout, $"Books answering with origin {origin}");
        }
        catch (TimeoutException e)
        {
            throw ReloadLines.NotSeen(emulator, mark, e);
        }
        await emulator.WaitForLineAsync(mark, l => l.Contains("Reloaded template.yaml", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        return new Reload(elapsed, ReloadLines.Since(emulator, mark));
    }

    public static async Task<IReadOnlyList<Reload>> RunAsync(Edits edits, Probes probes, Emulator emulator, int count)
    {
        var reloads = new List<Reload>();
        for (var i = 0; i < count; i++) reloads.Add(await OnceAsync(edits, probes, emulator));
        return reloads;
    }
}
