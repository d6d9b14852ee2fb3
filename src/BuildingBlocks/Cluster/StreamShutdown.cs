namespace Platform.BuildingBlocks.Cluster;

/// <summary>
/// When this node ends its long-lived responses (SSE streams). A stream never finishes on its own, and a
/// clean stop waits for in-flight requests: with one stream open every SIGTERM took the host's whole
/// shutdown timeout (drain delay + 15 s, measured in bench/stop). The host ends the streams once the drain
/// is over — gateways no longer route here — so clients reconnect to another node, and Last-Event-ID
/// replays what they missed.
/// </summary>
public sealed class StreamShutdown : IDisposable
{
    private readonly CancellationTokenSource _ending = new();

    /// <summary>Cancelled when streams must end; an endpoint links it with <c>RequestAborted</c>.</summary>
    public CancellationToken Ending => _ending.Token;

    public void EndAll()
    {
        try
        {
            _ending.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The container is already disposing: nothing is streaming any more.
        }
    }

    public void Dispose() => _ending.Dispose();
}
