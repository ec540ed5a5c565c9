using System.Diagnostics;
using System.Globalization;

namespace Backend.LoadBench;

/// <summary>
/// CPU time per request of the processes serving a scenario, over its wrk runs: the per-request cost the req/s
/// figures hide when the machine is shared. Only the (scenario, side) pairs given a CPU source are measured.
/// </summary>
public sealed class CpuPerRequest
{
    private readonly List<(string Scenario, string Side, Func<TimeSpan> Cpu)> _sources = [];
    private readonly Dictionary<(string Scenario, string Side, int Connections), double> _microseconds = [];

    /// <summary>This process: the emulator and the Kestrel floor run in it (function instances and wrk do not).</summary>
    public static TimeSpan Self()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>
    /// The processes <paramref name="pid"/> started that are alive now (Linux: /proc/pid/task/*/children), e.g. function
    /// instances or workers. wrk, a child too, has not started at a run's first reading and has exited at its last.
    /// </summary>
    public static TimeSpan Children(int pid)
    {
        var total = TimeSpan.Zero;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            string children;
            try { children = File.ReadAllText(Path.Combine(task, "children")); }
            catch (IOException) { continue; } // the thread ended meanwhile
            foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                try
                {
                    using var process = Process.GetProcessById(int.Parse(child, CultureInfo.InvariantCulture));
                    total += process.TotalProcessorTime;
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException) { } // exited meanwhile
            }
        }
        return total;
    }

    public void Track(string scenario, string side, Func<TimeSpan> cpu) => _sources.Add((scenario, side, cpu));

    public async Task<LoadResult> MeasureAsync(Func<Task<LoadResult>> run, string scenario)
    {
        var sources = _sources.Where(s => s.Scenario == scenario).ToList();
        var before = sources.Select(s => s.Cpu()).ToList();
        var result = await run();
        for (var i = 0; i < sources.Count && result.Requests > 0; i++)
            _microseconds[(scenario, sources[i].Side, result.Connections)] = (sources[i].Cpu() - before[i]).TotalMicroseconds / result.Requests;
        return result;
    }

    /// <summary>"X µs" or "n/a", for the report.</summary>
    public string Format(string scenario, string side, int connections) =>
        _microseconds.TryGetValue((scenario, side, connections), out var us) ? us.ToString("F0", CultureInfo.InvariantCulture) + " µs" : "n/a";
}
