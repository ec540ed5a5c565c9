using Backend.Local.Building;

namespace Backend.Local.Hosting;

/// <summary>
/// The start's progress lines, written at once and in order (Progress&lt;T&gt; would post them to the thread pool).
/// On a terminal it keeps a live block at the bottom (the build's line per function), redrawn four times a second;
/// a line reported meanwhile (DynamoDB Local starting) is printed above the block, which is drawn again below it.
/// </summary>
public sealed class StartupConsole(TextWriter console, bool live) : ILiveProgress
{
    // ANSI: to the start of the line n lines up, then erase from there to the end of the screen.
    private static string EraseLines(int n) => $"\u001b[{n}F\u001b[J";

    private Func<IReadOnlyList<string>>? _block;
    private int _shown;
    private Timer? _timer;

    public bool IsLive => live;

    /// <summary>For the console the process writes to: live when that is a terminal.</summary>
    public static StartupConsole For(TextWriter console) =>
        new(console, ReferenceEquals(console, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb"));

    public void Report(string value)
    {
        lock (console)
        {
            Erase();
            console.WriteLine(value);
            Draw();
        }
    }

    public void ShowBlock(Func<IReadOnlyList<string>> render)
    {
        if (!live) return;
        lock (console)
        {
            _block = render;
            Draw();
        }
        _timer = new Timer(_ => Redraw(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    public void EndBlock()
    {
        _timer?.Dispose();
        _timer = null;
        lock (console)
        {
            Erase();
            Draw(); // the final state, left printed
            _block = null;
            _shown = 0;
        }
    }

    private void Redraw()
    {
        lock (console)
        {
            if (_block is null) return;
            Erase();
            Draw();
        }
    }

    private void Erase()
    {
        if (_shown == 0) return;
        console.Write(EraseLines(_shown));
        _shown = 0;
    }

    private void Draw()
    {
        if (_block is null) return;
        var lines = _block();
        foreach (var line in lines) console.WriteLine(line);
        console.Flush();
        _shown = lines.Count;
    }
}
