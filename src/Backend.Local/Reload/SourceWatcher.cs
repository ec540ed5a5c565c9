namespace Backend.Local.Reload;

/// <summary>
/// Watches folders and reports the files that changed, in one batch once saving has paused for a moment: an editor's
/// burst of writes, or a `git checkout`, is one change. Build output and tool folders (bin/, obj/, .git/, .local/)
/// and editors' scratch files are not changes.
/// </summary>
public sealed class SourceWatcher : IDisposable
{
    private static readonly HashSet<string> IgnoredFolders = new(StringComparer.Ordinal) { "bin", "obj", ".git", ".local", ".vs", ".idea", "node_modules" };

    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly Timer _timer;
    private readonly TimeSpan _quiet;
    private readonly Action<IReadOnlyCollection<string>, long> _changed;
    private long _firstPending;

    /// <param name="quiet">How long no file may change before a batch is reported.</param>
    /// <param name="changed">Gets each batch (full paths) with when its first change was seen (a Stopwatch timestamp: what "reloaded in" counts from).</param>
    public SourceWatcher(IEnumerable<WatchedFolder> folders, TimeSpan quiet, Action<IReadOnlyCollection<string>, long> changed)
    {
        _quiet = quiet;
        _changed = changed;
        _timer = new Timer(_ => Flush());
        Folders = folders.ToList();
        foreach (var folder in Folders.Where(f => Directory.Exists(f.Path)))
        {
            var watcher = new FileSystemWatcher(folder.Path)
            {
                IncludeSubdirectories = folder.Recursive,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += (_, e) => Seen(e.FullPath);
            watcher.Created += (_, e) => Seen(e.FullPath);
            watcher.Deleted += (_, e) => Seen(e.FullPath);
            watcher.Renamed += (_, e) =>
            {
                Seen(e.OldFullPath);
                Seen(e.FullPath);
            };
            // Too many changes at once for the kernel's queue: say the whole folder changed.
            watcher.Error += (_, _) => Seen(Path.Combine(folder.Path, "*"));
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }
    }

    public IReadOnlyList<WatchedFolder> Folders { get; }

    private void Seen(string path)
    {
        if (IsNoise(path)) return;
        lock (_lock)
        {
            if (_pending.Count == 0) _firstPending = System.Diagnostics.Stopwatch.GetTimestamp();
            _pending.Add(path);
            _timer.Change(_quiet, Timeout.InfiniteTimeSpan);
        }
    }

    private void Flush()
    {
        string[] batch;
        long first;
        lock (_lock)
        {
            batch = [.. _pending];
            _pending.Clear();
            first = _firstPending;
        }
        if (batch.Length > 0) _changed(batch, first);
    }

    public static bool IsNoise(string path)
    {
        var name = Path.GetFileName(path);
        if (name.StartsWith(".#", StringComparison.Ordinal) || name.EndsWith('~') || name is "4913"
            || name.EndsWith(".swp", StringComparison.Ordinal) || name.EndsWith(".swx", StringComparison.Ordinal) || name.EndsWith(".tmp", StringComparison.Ordinal))
            return true;
        return path.Split(Path.DirectorySeparatorChar).Any(IgnoredFolders.Contains);
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers) watcher.Dispose();
        _timer.Dispose();
    }
}
