namespace Platform.BuildingBlocks.Cluster;

/// <summary>
/// Live load counters of this node, reported with every heartbeat and used by the gateway's
/// least-loaded balancing. Modules update the counters they own (the Realtime module counts
/// open SSE streams); the host counts in-flight requests.
/// </summary>
public sealed class NodeLoad
{
    private readonly int[] _counters = new int[2];

    private enum Kind
    {
        InFlightRequests = 0,
        OpenStreams = 1,
    }

    public int InFlightRequests => Volatile.Read(ref _counters[(int)Kind.InFlightRequests]);

    public int OpenStreams => Volatile.Read(ref _counters[(int)Kind.OpenStreams]);

    public IDisposable TrackRequest() => new Tracked(_counters, (int)Kind.InFlightRequests);

    public IDisposable TrackStream() => new Tracked(_counters, (int)Kind.OpenStreams);

    /// <summary>Increments on creation, decrements exactly once on dispose.</summary>
    private sealed class Tracked : IDisposable
    {
        private readonly int[] _counters;
        private readonly int _index;
        private int _disposed;

        public Tracked(int[] counters, int index)
        {
            _counters = counters;
            _index = index;
            Interlocked.Increment(ref _counters[_index]);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                Interlocked.Decrement(ref _counters[_index]);
        }
    }
}
