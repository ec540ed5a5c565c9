namespace Backend.ReloadBench;

/// <summary>
/// A comment appended to a file of src/Backend.Lambda (another file each time): every function references it, so all
/// four rebuild, one build at a time. Timed per function until its RevisionId changed and it answered a request.
/// </summary>
public static class SharedLibraryReloads
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(300);

    public static async Task<SharedLibraryReload> OnceAsync(int index, Edits edits, Probes probes, Emulator emulator)
    {
        var before = new Dictionary<string, string>();
        foreach (var function in Probes.Functions) before[function] = await probes.RevisionIdAsync(function);
        var mark = emulator.LineCount;
        var saved = edits.TouchSharedLibrary(index, out var file);
        var waits = Probes.Functions.Select(function => Probes.UntilAsync(saved,
            async () => await probes.RevisionIdAsync(function) != before[function] && await probes.AnswersAsync(function),
            Timeout, $"{function} reloaded and answering")).ToArray();
        TimeSpan[] times;
        try
        {
            times = await Task.WhenAll(waits);
        }
        catch (TimeoutException e)
        {
            throw ReloadLines.NotSeen(emulator, mark, e);
        }
        var perFunction = Probes.Functions.Zip(times).ToDictionary(p => p.First, p => p.Second);
        return new SharedLibraryReload(file, times.Max(), perFunction, ReloadLines.Since(emulator, mark));
    }

    public static async Task<IReadOnlyList<SharedLibraryReload>> RunAsync(Edits edits, Probes probes, Emulator emulator, int count)
    {
        var reloads = new List<SharedLibraryReload>();
        for (var i = 0; i < count; i++) reloads.Add(await OnceAsync(i, edits, probes, emulator));
        return reloads;
    }
}
