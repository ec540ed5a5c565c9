using System.Globalization;

namespace Backend.LoadBench;

/// <summary>
/// Which CPU is whose: the emulator (this process) and its function instances (its children) for Calc GET; the
/// three-exchange floor's server and its workers for the floor; this process for the Kestrel floor.
/// </summary>
public static class RequestFloorCpu
{
    public static CpuPerRequest Track(RequestFloorProcess requestFloor)
    {
        var cpu = new CpuPerRequest();
        cpu.Track("floor (Kestrel)", "server", CpuPerRequest.Self);
        cpu.Track("floor (3 exchanges)", "server", requestFloor.ProcessorTime);
        cpu.Track("floor (3 exchanges)", "functions", () => CpuPerRequest.Children(requestFloor.ProcessId));
        cpu.Track("Calc GET", "server", CpuPerRequest.Self);
        cpu.Track("Calc GET", "functions", () => CpuPerRequest.Children(Environment.ProcessId));
        return cpu;
    }

    /// <summary>The report's line for one connection count.</summary>
    public static string Line(CpuPerRequest cpu, int connections) => string.Create(CultureInfo.InvariantCulture,
        $"- CPU per request at {connections} connection(s): emulator {cpu.Format("Calc GET", "server", connections)} (Calc GET; its function instances " +
        $"{cpu.Format("Calc GET", "functions", connections)}), floor {cpu.Format("floor (3 exchanges)", "server", connections)} (three-exchange server; " +
        $"its workers {cpu.Format("floor (3 exchanges)", "functions", connections)}), Kestrel floor {cpu.Format("floor (Kestrel)", "server", connections)}.");
}
