using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Modules.Realtime.Data;
using Platform.Modules.Realtime.Fanout;

namespace Platform.Modules.Realtime.Stream;

/// <summary>
/// One per node: hands each new row of <c>realtime.events</c> (whichever node wrote it) to the SSE streams of its
/// user open on this node, once and in id order. It learns of new rows from the fan-out (<see cref="Offer"/>: this
/// node's writer, or NATS) or from NOTIFY; whatever it is told, it also reads the table every poll interval, so a lost
/// notice only delays a push. Also trims rows older than the replay window.
/// </summary>
internal sealed class RealtimeDispatcher(
    NpgsqlDataSource dataSource,
    RealtimeEventStore store,
    RealtimeOptions options,
    ILogger<RealtimeDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 1000;
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscription, byte>> _subscriptions = new();
    // Notices of committed rows. Bounded, dropping the oldest: a dropped notice shows up as an id gap in the next one
    // (or not at all until the poll), and either way the rows are read from the table.
    private readonly Channel<IReadOnlyList<StoredEvent>?> _notices = Channel.CreateBounded<IReadOnlyList<StoredEvent>?>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;
    // The highest event id handed out; -1 until the first connect reads the current maximum. Ids commit in
    // increasing order (inserts are serialised), so every id up to it is settled: delivered or never to exist.
    private long _lastId = -1;

    public int OpenStreams => _subscriptions.Values.Sum(s => s.Count);

    public Subscription Subscribe(Guid userId)
    {
        var subscription = new Subscription(this, userId);
        _subscriptions.GetOrAdd(userId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    /// <summary>Committed rows of one insert (ids ascending). Never blocks.</summary>
    public void Offer(IReadOnlyList<StoredEvent> committed)
    {
        if (committed.Count > 0)
            _notices.Writer.TryWrite(committed);
    }

    /// <summary>Read the table now rather than at the next poll (after a reconnect to the notice source).</summary>
    public void RequestCatchUp() => _notices.Writer.TryWrite(null);

    private void Unsubscribe(Subscription subscription)
    {
        if (_subscriptions.TryGetValue(subscription.UserId, out var set))
            set.TryRemove(subscription, out _);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (options.Fanout == FanoutMode.Notify)
                    await ListenAsync(stoppingToken);
                else
                    await ReceiveNoticesAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Streams stay open; rows written meanwhile are picked up by id once we are back.
                logger.LogWarning(ex, "Real-time dispatcher lost its database connection; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using (var listen = new NpgsqlCommand($"LISTEN {RealtimeEventStore.Channel}", connection))
            await listen.ExecuteNonQueryAsync(ct);
        if (_lastId < 0)
            _lastId = await RealtimeEventStore.LastIdAsync(connection, ct);

        while (!ct.IsCancellationRequested)
        {
            await DispatchNewAsync(connection, ct);
            await CleanupAsync(ct);
            // Wakes on NOTIFY; the timeout is a safety net for a lost notification.
            await connection.WaitAsync(options.PollInterval, ct);
        }
    }

    private async Task ReceiveNoticesAsync(CancellationToken ct)
    {
        if (_lastId < 0)
            _lastId = await store.LastIdAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            await using (var connection = await dataSource.OpenConnectionAsync(ct))
                await DispatchNewAsync(connection, ct);
            await CleanupAsync(ct);
            await DeliverNoticesUntilGapAsync(ct);
        }
    }

    /// <summary>
    /// Delivers notified rows straight from memory while they follow on from what was delivered; returns (so the
    /// caller reads the table) on a gap, a catch-up request or when the poll interval is up.
    /// </summary>
    private async Task DeliverNoticesUntilGapAsync(CancellationToken ct)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(ct);
        poll.CancelAfter(options.PollInterval);
        try
        {
            while (true)
            {
                var notice = await _notices.Reader.ReadAsync(poll.Token);
                if (notice is null || !TryDeliverInOrder(notice))
                    return;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval is up.
        }
    }

    private bool TryDeliverInOrder(IReadOnlyList<StoredEvent> notice)
    {
        foreach (var stored in notice)
        {
            if (stored.Id <= _lastId)
                continue; // already delivered (our own rows echoed back by NATS, or read from the table)
            if (stored.Id != _lastId + 1)
                return false; // a row we were not told about may lie between: the table has the answer
            Deliver(stored);
        }
        return true;
    }

    private void Deliver(StoredEvent stored)
    {
        if (_subscriptions.TryGetValue(stored.UserId, out var set))
            foreach (var subscription in set.Keys)
                subscription.Offer(stored);
        _lastId = stored.Id;
    }

    private async Task DispatchNewAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        while (true)
        {
            var batch = await RealtimeEventStore.ReadAfterAsync(connection, _lastId, BatchSize, ct);
            foreach (var stored in batch)
                Deliver(stored);
            if (batch.Count < BatchSize)
                return;
        }
    }

    private async Task CleanupAsync(CancellationToken ct)
    {
        if (DateTimeOffset.UtcNow < _nextCleanup)
            return;
        _nextCleanup = DateTimeOffset.UtcNow.AddMinutes(1);
        var deleted = await store.DeleteOlderThanAsync(options.ReplayWindow, ct);
        if (deleted > 0)
            logger.LogDebug("Trimmed {Count} real-time events older than the replay window", deleted);
    }

    /// <summary>One open SSE stream's inbox.</summary>
    internal sealed class Subscription(RealtimeDispatcher owner, Guid userId) : IDisposable
    {
        // Bounded: a client that does not read is cut off (its channel completes) and, on
        // reconnecting, replays from the database instead of growing this node's memory.
        private readonly Channel<StoredEvent> _channel = Channel.CreateBounded<StoredEvent>(
            new BoundedChannelOptions(512) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

        public Guid UserId { get; } = userId;

        public ChannelReader<StoredEvent> Reader => _channel.Reader;

        public void Offer(StoredEvent stored)
        {
            if (!_channel.Writer.TryWrite(stored))
                _channel.Writer.TryComplete();
        }

        public void Dispose()
        {
            owner.Unsubscribe(this);
            _channel.Writer.TryComplete();
        }
    }
}
