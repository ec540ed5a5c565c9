namespace Backend.LoadBench;

/// <summary>
/// The peak resident memory of a process tree while runs go on, sampled every 100 ms. Each process is put into
/// a group (or left out, e.g. wrk, which is the load generator, not the server); the peak of the sum over the
/// groups that make the total is kept beside each group's own peak.
/// </summary>
public sealed class RssSampler(int root, Func<ProcessInfo, int, string?> groupOf, IReadOnlySet<string> totalGroups)
{
    private readonly Dictionary<string, double> _peaks = [];

    public double PeakTotalMb { get; private set; }

    public IReadOnlyDictionary<string, double> PeakByGroupMb => _peaks;

    /// <summary>Runs <paramref name="run"/> and samples until it ends.</summary>
    public async Task<T> DuringAsync<T>(Func<Task<T>> run)
    {
        using var stop = new CancellationTokenSource();
        var sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Sample();
                try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        try
        {
            return await run();
        }
        finally
        {
            await stop.CancelAsync();
            await sampling;
        }
    }

    private void Sample()
    {
        var sums = new Dictionary<string, double>();
        foreach (var process in ProcessTree.Snapshot(root))
            if (groupOf(process, root) is { } group)
                sums[group] = sums.GetValueOrDefault(group) + process.RssMb;
        foreach (var (group, mb) in sums) _peaks[group] = Math.Max(_peaks.GetValueOrDefault(group), mb);
        PeakTotalMb = Math.Max(PeakTotalMb, sums.Where(s => totalGroups.Contains(s.Key)).Sum(s => s.Value));
    }
}
