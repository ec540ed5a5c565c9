using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Backend.Local.Runtime;

namespace Backend.Local.Gateway.AccessLogs;

/// <summary>
/// Appends access log lines to &lt;directory&gt;/&lt;Api&gt;-access.log (and, when asked, prints them on the console)
/// off the request path: a request only queues its line; one background reader writes what has queued and flushes
/// once per batch, each file kept open until the writer is disposed. The queue is bounded: when the disk cannot keep up, new lines are dropped (counted and said on
/// the console) rather than slowing the requests or growing memory without end. Disposing writes what is queued.
/// </summary>
public sealed class AccessLogWriter : IAsyncDisposable
{
    /// <summary>Lines queued at most (a few MB): seconds of a flood at the emulator's peak rate.</summary>
    public const int Capacity = 16 * 1024;

    // Two emulators in one process (the tests' fixtures) may serve the same project: their appends take turns.
    private static readonly ConcurrentDictionary<string, Lock> FileLocks = new(StringComparer.Ordinal);

    private readonly Channel<QueuedLine> _queue = Channel.CreateBounded<QueuedLine>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly LogSink _logs;
    private readonly bool _toConsole;
    private readonly Task _drain;
    private readonly Dictionary<string, FileStream> _files = new(StringComparer.Ordinal);
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
        if (!_queue.Writer.TryWrite(new QueuedLine(apiLogicalId, line, null))) Interlocked.Increment(ref _dropped);
    }

    /// <summary>Completes once every line queued before it is in its file.</summary>
    public async Task FlushAsync()
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new QueuedLine("", "", written));
        await written.Task;
    }

    /// <summary>A line for an API's file, or (with <c>Written</c>) a flush waiting for the lines before it.</summary>
    private sealed record QueuedLine(string Api, string Line, TaskCompletionSource? Written);

    private async Task DrainAsync()
    {
        var batch = new List<(string Api, string Line)>();
        var flushes = new List<TaskCompletionSource>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            flushes.Clear();
            while (batch.Count < 4096 && _queue.Reader.TryRead(out var item))
            {
                if (item.Written is { } flush) flushes.Add(flush);
                else batch.Add((item.Api, item.Line));
            }
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
            foreach (var flush in flushes) flush.TrySetResult();
        }
    }

    private void Append(List<(string Api, string Line)> batch)
    {
        foreach (var group in batch.GroupBy(b => b.Api, StringComparer.Ordinal))
        {
            var path = PathOf(group.Key);
            var text = new StringBuilder();
            foreach (var (_, line) in group) text.Append(line).Append('\n');
            lock (FileLocks.GetOrAdd(path, _ => new Lock()))
            {
                if (!_files.TryGetValue(path, out var file))
                {
                    System.IO.Directory.CreateDirectory(Directory);
                    _files[path] = file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                }
                // Another writer of this process may have appended since: write at the end, never over its lines.
                file.Seek(0, SeekOrigin.End);
                file.Write(Encoding.UTF8.GetBytes(text.ToString()));
                file.Flush();
            }
        }
    }

    /// <summary>Writes every queued line, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _drain;
        foreach (var file in _files.Values) await file.DisposeAsync();
        _files.Clear();
    }
}
