using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Backend.Local.Runtime;

namespace Backend.Local.Gateway.AccessLogs;

/// <summary>
/// Appends access log lines to &lt;directory&gt;/&lt;Api&gt;-access.log (and, when asked, prints them on the console)
/// off the request path: a request only queues its line; one background reader writes what has queued, a file
/// opened per batch. The queue is bounded: when the disk cannot keep up, new lines are dropped (counted and said on
/// the console) rather than slowing the requests or growing memory without end. Disposing writes what is queued.
/// </summary>
public sealed class AccessLogWriter : IAsyncDisposable
{
    /// <summary>Lines queued at most (a few MB): seconds of a flood at the emulator's peak rate.</summary>
    public const int Capacity = 16 * 1024;

    // Two emulators in one process (the tests' fixtures) may serve the same project: their appends take turns.
    private static readonly ConcurrentDictionary<string, Lock> FileLocks = new(StringComparer.Ordinal);

    private readonly Channel<(string Api, string Line)> _queue = Channel.CreateBounded<(string, string)>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly LogSink _logs;
    private readonly bool _toConsole;
    private readonly Task _drain;
    private long _dropped;

    public AccessLogWriter(string directory, LogSink logs, bool toConsole)
    {
        Directory = directory;
        _logs = logs;
        _toConsole = toConsole;
        _drain = Task.Run(DrainAsync);
    }

    /// <summary>Where the files are: .local/logs beside the template unless told otherwise.</summary>
    public string Directory { get; }

    public string PathOf(string apiLogicalId) => Path.Combine(Directory, $"{apiLogicalId}-access.log");

    /// <summary>Queues a line; never waits (a full queue drops it).</summary>
    public void Write(string apiLogicalId, string line)
    {
        if (!_queue.Writer.TryWrite((apiLogicalId, line))) Interlocked.Increment(ref _dropped);
    }

    private async Task DrainAsync()
    {
        var batch = new List<(string Api, string Line)>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 4096 && _queue.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                Append(batch);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _logs.WriteLine($"warning: access log: {e.Message}");
            }
            if (_toConsole)
                foreach (var (api, line) in batch) _logs.Write(api, line);
            if (Interlocked.Exchange(ref _dropped, 0) is var dropped and > 0)
                _logs.WriteLine($"warning: access log: {dropped} line(s) dropped, the writer fell behind");
        }
    }

    private void Append(List<(string Api, string Line)> batch)
    {
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var group in batch.GroupBy(b => b.Api, StringComparer.Ordinal))
        {
            var path = PathOf(group.Key);
            var text = new StringBuilder();
            foreach (var (_, line) in group) text.Append(line).Append('\n');
            lock (FileLocks.GetOrAdd(path, _ => new Lock()))
            {
                using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                file.Write(Encoding.UTF8.GetBytes(text.ToString()));
            }
        }
    }

    /// <summary>Writes every queued line, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _drain;
    }
}
