namespace Backend.Local.Runtime;

/// <summary>
/// How many invocations of one function may run at once, shared by all its versions (Lambda's reserved
/// concurrency is the function's, not a version's). The limit can change while invocations run or wait:
/// raising it lets waiters in at once; with 0 nothing enters (the caller throttles).
/// SemaphoreSlim cannot be resized, hence this small one of our own.
/// </summary>
public sealed class ConcurrencyLimit(int limit)
{
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource<bool>> _waiters = new();
    private int _limit = limit;
    private int _inUse;

    public int Limit
    {
        get { lock (_lock) return _limit; }
        set
        {
            lock (_lock)
            {
                _limit = value;
                // At 0 nothing runs: those waiting are throttled now, as new callers are, rather than left waiting.
                if (_limit == 0)
                {
                    while (_waiters.TryDequeue(out var refused)) refused.TrySetResult(false);
                }
                while (_inUse < _limit && _waiters.TryDequeue(out var next))
                {
                    if (next.TrySetResult(true)) _inUse++;
                }
            }
        }
    }

    /// <summary>A slot, waiting for one if all are taken; false (throttled) when the limit is 0, or drops to 0 while waiting.</summary>
    public async Task<bool> EnterAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<bool> waiter;
        lock (_lock)
        {
            if (_limit == 0) return false;
            if (_inUse < _limit)
            {
                _inUse++;
                return true;
            }
            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
        }
        await using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
        {
            return await waiter.Task;
        }
    }

    public void Exit()
    {
        lock (_lock)
        {
            // Hand the slot straight to a waiter while the limit still allows it; a cancelled waiter is skipped.
            while (_inUse <= _limit && _waiters.TryDequeue(out var next))
            {
                if (next.TrySetResult(true)) return;
            }
            _inUse--;
        }
    }
}
