using System.Diagnostics;

namespace Backend.Local.Building;

/// <summary>
/// The start's build as one line per function: "Building CalcFunction ... 4.2 s", then "Built CalcFunction in 6.1 s".
/// On a terminal the lines are live (redrawn with the elapsed time); elsewhere each is printed when it happens.
/// </summary>
public sealed class BuildBoard
{
    private readonly IProgress<string> _progress;
    private readonly ILiveProgress? _live;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Row> _rows;
    private readonly Lock _lock = new();

    private sealed class Row(string function, string project)
    {
        public string Function { get; } = function;
        public string Project { get; } = project;
        public TimeSpan? Done { get; set; }
    }

    /// <param name="functions">(function logical id, project relative to the template) in the order to show them.</param>
    public BuildBoard(IProgress<string> progress, IEnumerable<(string Function, string Project)> functions)
    {
        _progress = progress;
        _live = progress is ILiveProgress { IsLive: true } live ? live : null;
        _rows = functions.Select(f => new Row(f.Function, f.Project)).ToList();
        if (_live is not null) _live.ShowBlock(Render);
        else foreach (var row in _rows) progress.Report($"Building {row.Function} ({row.Project}) ...");
    }

    /// <summary>The lines as they stand now.</summary>
    public IReadOnlyList<string> Render()
    {
        var now = _clock.Elapsed;
        lock (_lock)
        {
            return _rows.Select(r => r.Done is { } done
                ? $"Built {r.Function} in {done.TotalSeconds:F1} s"
                : $"Building {r.Function} ({r.Project}) ... {now.TotalSeconds:F1} s").ToList();
        }
    }

    /// <summary>The project's build is done: every function it builds is.</summary>
    public void Done(string projectName)
    {
        List<Row> done;
        lock (_lock)
        {
            done = _rows.Where(r => r.Done is null && Path.GetFileNameWithoutExtension(r.Project) == projectName).ToList();
            foreach (var row in done) row.Done = _clock.Elapsed;
        }
        if (_live is null) foreach (var row in done) _progress.Report($"Built {row.Function} in {row.Done!.Value.TotalSeconds:F1} s");
    }

    /// <summary>The build is over: the live block stops, its last lines stay.</summary>
    public void End() => _live?.EndBlock();
}
