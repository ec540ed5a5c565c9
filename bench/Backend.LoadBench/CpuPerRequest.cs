using System.Diagnostics;
using System.Globalization;

namespace Backend.LoadBench;

/// <summary>
/// CPU time per request of the process serving a scenario, over its wrk runs: the per-request cost the figures hide
/// when the machine is shared. Only scenarios given a CPU source are measured.
/// </summary>
public sealed class CpuPerRequest
{
    private readonly Dictionary<string, Func<TimeSpan>> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Scenario, int Connections), double> _microseconds = [];

    /// <summary>This process: the emulator and the Kestrel floor run in it (function instances and wrk do not).</summary>
    public static TimeSpan Self()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    public Func<TimeSpan> this[string scenario] { set => _sources[scenario] = value; }

    public async Task<LoadResult> MeasureAsync(Func<Task<LoadResult>> run, string scenario)
    {
        if (!_sources.TryGetValue(scenario, out var cpu)) return await run();
        var before = cpu();
        var result = await run();
        var spent = cpu() - before;
        if (result.Requests > 0) _microseconds[(scenario, result.Connections)] = spent.TotalMicroseconds / result.Requests;
        return result;
    }

    public double? Of(string scenario, int connections) =>
        _microseconds.TryGetValue((scenario, connections), out var us) ? us : null;

    /// <summary>"X µs" or "n/a", for the report.</summary>
    public string Format(string scenario, int connections) =>
        Of(scenario, connections) is { } us ? us.ToString("F0", CultureInfo.InvariantCulture) + " µs" : "n/a";
}
