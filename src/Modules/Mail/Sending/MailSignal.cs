namespace Platform.Modules.Mail.Sending;

/// <summary>Wakes this node's sender when a message was queued here; other nodes' messages wait at most one SendInterval.</summary>
internal sealed class MailSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public void Dispose() => _signal.Dispose();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
