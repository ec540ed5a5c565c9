using System.Globalization;

namespace Backend.RuntimeBench;

/// <summary>CPU time and memory of a live process, from /proc.</summary>
public static class ProcessStats
{
    /// <summary>
    /// CPU time (user + system) of all the process's threads, in ms. schedstat counts nanoseconds; stat's
    /// utime/stime only 10 ms ticks, so schedstat is used, and stat where schedstat reads nothing.
    /// </summary>
    public static double CpuMilliseconds(int pid)
    {
        double nanoseconds = 0;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                nanoseconds += double.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[0], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended while we read.
            }
        }
        return Math.Max(nanoseconds / 1e6, TicksMilliseconds(pid));
    }

    private static double TicksMilliseconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // After the ')' field 0 is state, so utime and stime (fields 14 and 15 of stat) are at 11 and 12.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    /// <summary>(current RSS, peak RSS) in MB.</summary>
    public static (double Rss, double Peak) MemoryMegabytes(int pid)
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line) / 1024;
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line) / 1024;
        }
        return (rss, peak);
    }

    private static double Kilobytes(string line) =>
        double.Parse(line.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
}
