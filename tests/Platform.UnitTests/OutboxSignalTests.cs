using Platform.BuildingBlocks.Outbox;

namespace Platform.UnitTests;

public sealed class OutboxSignalTests
{
    [Fact]
    public async Task A_notification_wakes_the_waiter_at_once_and_a_burst_counts_as_one()
    {
        using var signal = new OutboxSignal();
        signal.Notify();
        signal.Notify();
        signal.Notify();
        var woke = signal.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        var first = await Task.WhenAny(woke, Task.Delay(TimeSpan.FromSeconds(5)));
        Assert.True(first == woke, "a pending notification must wake the relay immediately");

        // The burst was coalesced: the next wait times out instead of returning at once.
        var next = signal.WaitAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        Assert.False(next.IsCompleted);
        await next;
    }
}
