using System.Globalization;

namespace Backend.Local.Runtime;

/// <summary>Memory figures of a process from /proc (Linux), for REPORT's "Max Memory Used".</summary>
public static class ProcessMemory
{
    /// <summary>Peak resident set size (VmHWM) in MB, or null where /proc cannot tell.</summary>
    public static int? PeakRssMegabytes(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
                var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return (int)Math.Ceiling(kilobytes / 1024.0);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // The process is gone or /proc is not there: no figure rather than a wrong one.
        }
        return null;
    }
}
