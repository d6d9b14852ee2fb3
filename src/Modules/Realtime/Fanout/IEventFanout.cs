using Platform.Modules.Realtime.Data;

namespace Platform.Modules.Realtime.Fanout;

/// <summary>
/// What <see cref="RealtimeEventStore"/> tells once its rows are committed. Never blocks and never throws: a
/// notice that does not arrive only delays the push to the dispatcher's next poll of <c>realtime.events</c>, which
/// stays the source of truth.
/// </summary>
internal interface IEventFanout
{
    /// <summary>True when the store must NOTIFY inside its transaction (the database path).</summary>
    bool NotifyInTransaction { get; }

    void Committed(IReadOnlyList<StoredEvent> events);
}
