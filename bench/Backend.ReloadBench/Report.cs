using System.Globalization;
using System.Text;

namespace Backend.ReloadBench;

/// <summary>Everything one run measured, and its markdown (bench/results/reload.md).</summary>
public sealed record Report(
    IReadOnlyList<Reload> Calc,
    IReadOnlyList<SharedLibraryReload> SharedLibrary,
    IReadOnlyList<Reload> Template,
    UnderLoad Load,
    TimeSpan Startup,
    TimeSpan Stop,
    IReadOnlyList<(string Pattern, IReadOnlyList<string> Ours, int Others)> Leftovers,
    bool CopyRemoved)
{
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(Invariant($"`Backend.Local start` (watching, Release) on a temporary copy of the repository, {Environment.ProcessorCount} cores; every time runs from the save (the write's return) to the first response of the new code or configuration, polled every 20 ms. Startup to the banner (4 function builds, DynamoDB Local): {Startup.TotalSeconds:F1} s."));
        md.AppendLine();
        md.AppendLine("| change | runs | median s | each run, s |");
        md.AppendLine("|---|---:|---:|---|");
        Row(md, "Calc: one line of Calculator.cs (after one warm-up edit)", Calc.Select(r => r.Elapsed));
        Row(md, "src/Backend.Lambda: a comment; all four functions rebuilt and answering", SharedLibrary.Select(r => r.All));
        Row(md, "template.yaml: BooksFunction's ALLOWED_ORIGIN", Template.Select(r => r.Elapsed));
        Row(md, "Calc, one line, under load (wrk -t2 -c8)", Load.Reloads.Select(r => r.Elapsed));
        md.AppendLine();

        md.AppendLine("src/Backend.Lambda, per function: seconds until its RevisionId changed and it answered a request (the four build one at a time).");
        md.AppendLine();
        md.AppendLine("| file | " + string.Join(" | ", Probes.Functions) + " |");
        md.AppendLine("|---|" + string.Concat(Probes.Functions.Select(_ => "---:|")));
        foreach (var r in SharedLibrary)
            md.AppendLine($"| {r.File} | " + string.Join(" | ", Probes.Functions.Select(f => Seconds(r.PerFunction[f]))) + " |");
        md.AppendLine();

        var w = Load.Wrk;
        md.AppendLine(Invariant($"Under load: wrk -t2 -c8 --latency on `GET /prod/calc/1/2/%2B` for {w.Duration.TotalSeconds:F1} s (2 s of load, then {Load.Reloads.Count} reloads, stopped once the last one was served): {w.Requests} requests ({w.Requests / w.Duration.TotalSeconds:F0} req/s), p50 {w.P50Ms:F2} ms, p99 {w.P99Ms:F2} ms, max {w.MaxMs:F0} ms; non-2xx {w.Non2xx}; socket errors {w.SocketErrors} (connect {w.Connect}, read {w.Read}, write {w.Write}, timeout {w.Timeout}). Target zero failures: {(w.Non2xx + w.SocketErrors == 0 ? "met" : "**missed**")}. (wrk's \"timeout\" counts, every 2 s, each connection whose request has waited over 2 s; it does not drop the request.)"));
        md.AppendLine();

        md.AppendLine("The emulator's own lines:");
        md.AppendLine();
        md.AppendLine("```");
        Lines(md, "Calc", Calc.SelectMany(r => r.EmulatorLines));
        Lines(md, "src/Backend.Lambda", SharedLibrary.SelectMany(r => r.EmulatorLines));
        Lines(md, "template.yaml", Template.SelectMany(r => r.EmulatorLines));
        Lines(md, "Calc under load", Load.Reloads.SelectMany(r => r.EmulatorLines));
        md.AppendLine("```");
        md.AppendLine();

        md.AppendLine(Invariant($"Stopped with SIGTERM in {Stop.TotalSeconds:F1} s; temporary copy {(CopyRemoved ? "removed" : "**not removed**")}. Its processes left behind (`pgrep -af`; ours: the emulator's process tree at SIGTERM, or naming its compiler pipe or the copy):"));
        foreach (var (pattern, ours, others) in Leftovers)
            md.AppendLine($"- `{pattern}`: " + (ours.Count == 0 ? "none" : "**" + string.Join("; ", ours) + "**") + (others > 0 ? Invariant($" ({others} other sessions')") : ""));
        return md.ToString();
    }

    private static void Row(StringBuilder md, string change, IEnumerable<TimeSpan> times)
    {
        var list = times.ToList();
        md.AppendLine($"| {change} | {list.Count} | {Seconds(Median(list))} | {string.Join(", ", list.Select(Seconds))} |");
    }

    private static void Lines(StringBuilder md, string title, IEnumerable<string> lines)
    {
        md.AppendLine($"# {title}");
        foreach (var line in lines) md.AppendLine(line);
    }

    public static TimeSpan Median(IReadOnlyList<TimeSpan> times)
    {
        if (times.Count == 0) return TimeSpan.Zero;
        var sorted = times.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
