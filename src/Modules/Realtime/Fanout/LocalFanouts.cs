using Platform.Modules.Realtime.Data;
using Platform.Modules.Realtime.Stream;

namespace Platform.Modules.Realtime.Fanout;

/// <summary>One node: the committed rows go straight to this node's dispatcher.</summary>
internal sealed class InProcessFanout(RealtimeDispatcher dispatcher) : IEventFanout
{
    public bool NotifyInTransaction => false;

    public void Committed(IReadOnlyList<StoredEvent> events) => dispatcher.Offer(events);
}

/// <summary>The database path: NOTIFY in the transaction; every node's dispatcher LISTENs and reads the rows.</summary>
internal sealed class NotifyFanout : IEventFanout
{
    public bool NotifyInTransaction => true;

    public void Committed(IReadOnlyList<StoredEvent> events)
    {
        // Nothing after the commit: the NOTIFY sent inside the transaction is the signal.
    }
}
