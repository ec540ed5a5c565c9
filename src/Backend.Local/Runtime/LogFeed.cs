using System.Threading.Channels;

namespace Backend.Local.Runtime;

/// <summary>One line of the emulator's log: a function's, or the platform's about it.</summary>
public sealed record LogLine(DateTime TimeUtc, string Function, string Line);

/// <summary>
/// The recent log lines (the last 1,000) and everyone following them live (the console's log tail). A follower
/// too slow to keep up loses its oldest unread lines, never slows the functions down.
/// </summary>
public sealed class LogFeed
{
    private const int Kept = 1000;
    private readonly Queue<LogLine> _recent = new();
    private readonly List<Channel<LogLine>> _followers = [];
    private readonly Lock _gate = new();

    public void Add(string function, string line)
    {
        var entry = new LogLine(DateTime.UtcNow, function, line);
        lock (_gate)
        {
            _recent.Enqueue(entry);
            if (_recent.Count > Kept) _recent.Dequeue();
            foreach (var follower in _followers) follower.Writer.TryWrite(entry);
        }
    }

    /// <summary>The recent lines, oldest first.</summary>
    public IReadOnlyList<LogLine> Recent
    {
        get
        {
            lock (_gate) return [.. _recent];
        }
    }

    /// <summary>The recent lines, then every new one, until the token is cancelled.</summary>
    public async IAsyncEnumerable<LogLine> FollowAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(Kept) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        LogLine[] recent;
        lock (_gate)
        {
            recent = [.. _recent];
            _followers.Add(channel);
        }
        try
        {
            foreach (var line in recent) yield return line;
            while (await channel.Reader.WaitToReadAsync(cancellationToken).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default))
            {
                while (channel.Reader.TryRead(out var line)) yield return line;
            }
        }
        finally
        {
            lock (_gate) _followers.Remove(channel);
        }
    }
}
