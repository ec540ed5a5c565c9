using System.Collections.Concurrent;
using System.Threading.Channels;

namespace RequestFloor;

/// <summary>
/// The two hand-offs: a front request is queued until a worker's /next takes it, then parked by request id
/// until the worker's /response completes it.
/// </summary>
internal sealed class Invocations
{
    private readonly Channel<Invocation> _queue = Channel.CreateUnbounded<Invocation>();
    private readonly ConcurrentDictionary<string, Invocation> _inFlight = new();

    public void Enqueue(Invocation invocation)
    {
        if (!_queue.Writer.TryWrite(invocation)) throw new InvalidOperationException("the floor is shutting down");
    }

    /// <summary>Waits for the next front request; throws <see cref="ChannelClosedException"/> once the floor stops.</summary>
    public async Task<Invocation> TakeAsync(CancellationToken cancellationToken)
    {
        var invocation = await _queue.Reader.ReadAsync(cancellationToken);
        _inFlight[invocation.RequestId] = invocation;
        return invocation;
    }

    public bool TryComplete(string requestId, byte[] output)
    {
        if (!_inFlight.TryRemove(requestId, out var invocation)) return false;
        invocation.Result.TrySetResult(output);
        return true;
    }

    /// <summary>Waiting /next polls end (and are answered 500, which tells a runtime client to exit).</summary>
    public void Close() => _queue.Writer.TryComplete();
}
