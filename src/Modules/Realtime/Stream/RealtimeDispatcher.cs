using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Modules.Realtime.Data;

namespace Platform.Modules.Realtime.Stream;

/// <summary>
/// One per node: LISTENs for new rows in <c>realtime.events</c> (whichever node wrote them) and
/// hands each to the SSE streams of its user open on this node. Also trims rows older than the
/// replay window.
/// </summary>
internal sealed class RealtimeDispatcher(
    NpgsqlDataSource dataSource,
    RealtimeEventStore store,
    RealtimeOptions options,
    ILogger<RealtimeDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 1000;
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Subscription, byte>> _subscriptions = new();
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;
    // The highest event id handed out; -1 until the first connect reads the current maximum.
    private long _lastId = -1;

    public int OpenStreams => _subscriptions.Values.Sum(s => s.Count);

    public Subscription Subscribe(Guid userId)
    {
        var subscription = new Subscription(this, userId);
        _subscriptions.GetOrAdd(userId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

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
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Streams stay open; rows written meanwhile are picked up by id once we are back.
                logger.LogWarning(ex, "Real-time listener lost its database connection; reconnecting");
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

    private async Task DispatchNewAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        while (true)
        {
            var batch = await RealtimeEventStore.ReadAfterAsync(connection, _lastId, BatchSize, ct);
            foreach (var stored in batch)
            {
                if (_subscriptions.TryGetValue(stored.UserId, out var set))
                    foreach (var subscription in set.Keys)
                        subscription.Offer(stored);
                _lastId = stored.Id;
            }
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
