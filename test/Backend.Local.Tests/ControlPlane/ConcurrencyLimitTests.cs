using Backend.Local.Runtime;

namespace Backend.Local.Tests.ControlPlane;

public sealed class ConcurrencyLimitTests
{
    [Fact]
    public async Task Beyond_the_limit_a_caller_waits_and_gets_the_slot_a_finished_one_hands_on()
    {
        var limit = new ConcurrencyLimit(1);
        Assert.True(await limit.EnterAsync(CancellationToken.None));

        var waiting = limit.EnterAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        limit.Exit();

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Dropping_the_limit_to_0_throttles_those_already_waiting_as_well_as_new_callers()
    {
        var limit = new ConcurrencyLimit(1);
        Assert.True(await limit.EnterAsync(CancellationToken.None));
        var waiting = limit.EnterAsync(CancellationToken.None);

        limit.Limit = 0;

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(await limit.EnterAsync(CancellationToken.None));
        // The running one ends and gives its slot back; raised again, the limit admits one.
        limit.Exit();
        limit.Limit = 1;
        Assert.True(await limit.EnterAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_cancelled_waiter_holds_no_slot()
    {
        var limit = new ConcurrencyLimit(1);
        Assert.True(await limit.EnterAsync(CancellationToken.None));
        using var cancel = new CancellationTokenSource();
        var waiting = limit.EnterAsync(cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        limit.Exit();

        Assert.True(await limit.EnterAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
