using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Platform.Gateway;

/// <summary>
/// What the gateway knows of each node's load: the figures the node last reported (refreshed with the routes), and
/// what this gateway has sent it that is still open.
/// </summary>
internal sealed class NodeLoadTable
{
    private volatile FrozenDictionary<string, RegistryNode> _reported = FrozenDictionary<string, RegistryNode>.Empty;
    private readonly ConcurrentDictionary<string, LocalLoad> _local = new(StringComparer.Ordinal);

    public void Update(IEnumerable<RegistryNode> nodes)
    {
        _reported = nodes.ToFrozenDictionary(n => n.Id);
        // Nodes that left take their counters with them once nothing of theirs is open any more.
        foreach (var (id, load) in _local)
        {
            if (!_reported.ContainsKey(id) && load.IsIdle)
                _local.TryRemove(id, out _);
        }
    }

    public RegistryNode? Find(string nodeId) => _reported.GetValueOrDefault(nodeId);

    public LocalLoad Local(string nodeId) => _local.GetOrAdd(nodeId, _ => new LocalLoad());
}

/// <summary>Requests and event streams this gateway has open to one node right now.</summary>
internal sealed class LocalLoad
{
    private int _requests;
    private int _streams;

    public int Requests => Volatile.Read(ref _requests);
    public int Streams => Volatile.Read(ref _streams);
    public bool IsIdle => Requests == 0 && Streams == 0;

    public IDisposable Track(bool stream)
    {
        if (stream)
            Interlocked.Increment(ref _streams);
        else
            Interlocked.Increment(ref _requests);
        return new Release(this, stream);
    }

    private sealed class Release(LocalLoad load, bool stream) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
                return;
            if (stream)
                Interlocked.Decrement(ref load._streams);
            else
                Interlocked.Decrement(ref load._requests);
        }
    }
}
