namespace Platform.BuildingBlocks.Outbox;

/// <summary>
/// Wakes the relays as soon as a unit of work with integration events commits on this node, so
/// events go out in milliseconds rather than at the next poll. Relays still poll, which covers
/// rows written by other nodes or left behind by a crash.
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
            _signal.Release();
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (await _signal.WaitAsync(timeout, ct))
        {
            // Coalesce bursts: one wake-up handles everything committed so far.
            while (_signal.CurrentCount > 0)
                await _signal.WaitAsync(0, ct);
        }
    }

    public void Dispose() => _signal.Dispose();
}
