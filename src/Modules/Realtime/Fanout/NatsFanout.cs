using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using Platform.Modules.Realtime.Data;
using Platform.Modules.Realtime.Stream;

namespace Platform.Modules.Realtime.Fanout;

/// <summary>
/// A cluster's fan-out over NATS core pub/sub: after its commit a writer publishes the rows it inserted; every web
/// node (the writer's own included) subscribes and hands them to its dispatcher. Core NATS is at-most-once and that
/// is enough here: the rows are already committed in <c>realtime.events</c>, and a dispatcher that misses a message
/// sees the gap in the ids (or its next poll does) and reads the rows from the table. So a NATS outage delays pushes
/// to the poll interval and loses none; the client reconnects and resubscribes by itself.
/// </summary>
internal sealed class NatsFanout : BackgroundService, IEventFanout
{
    public const string Subject = "platform.realtime.events";

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(2);
    private readonly NatsConnection _connection;
    private readonly RealtimeDispatcher _dispatcher;
    private readonly ILogger<NatsFanout> _logger;
    // Publishing never runs on the writer's path: a slow or absent server would otherwise hold the bus consumer.
    // When the queue is full the oldest batch goes; its rows still reach every node through the gap check or poll.
    private readonly Channel<IReadOnlyList<StoredEvent>> _outgoing = Channel.CreateBounded<IReadOnlyList<StoredEvent>>(
        new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public NatsFanout(string url, string clientName, RealtimeDispatcher dispatcher, ILogger<NatsFanout> logger)
    {
        _dispatcher = dispatcher;
        _logger = logger;
        // No logger factory is handed to the client: it logs server URLs, which may carry credentials.
        _connection = new NatsConnection(NatsOpts.Default with
        {
            Url = url,
            Name = clientName,
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(500),
            ReconnectWaitMax = TimeSpan.FromSeconds(2),
        });
        _connection.ConnectionDisconnected += (_, _) =>
        {
            _logger.LogWarning("NATS connection lost; real-time pushes from other nodes wait for the poll until it is back");
            return ValueTask.CompletedTask;
        };
        _connection.ConnectionOpened += (_, _) =>
        {
            _logger.LogInformation("NATS connection open");
            // Rows committed while we were away are read from the table at once rather than at the next poll.
            _dispatcher.RequestCatchUp();
            return ValueTask.CompletedTask;
        };
    }

    public bool NotifyInTransaction => false;

    public bool IsConnected => _connection.ConnectionState == NatsConnectionState.Open;

    public void Committed(IReadOnlyList<StoredEvent> events)
    {
        // This node's own streams need no round trip (and keep working while NATS is down); the echo that comes
        // back from the server is skipped by id.
        _dispatcher.Offer(events);
        if (IsConnected)
            _outgoing.Writer.TryWrite(events);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ConnectAsync(stoppingToken);
        var publishing = PublishLoopAsync(stoppingToken);
        try
        {
            await SubscribeLoopAsync(stoppingToken);
        }
        finally
        {
            await publishing;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await _connection.DisposeAsync();
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        // The first connect is ours to retry (later ones the client makes itself); the node serves meanwhile, with
        // pushes from other nodes arriving by the poll.
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _connection.ConnectAsync();
                return;
            }
            catch (Exception ex) when (ex is NatsException or OperationCanceledException or TimeoutException && !ct.IsCancellationRequested)
            {
                _logger.LogWarning("NATS not reachable ({Reason}); retrying", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private async Task SubscribeLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var message in _connection.SubscribeAsync<byte[]>(Subject, cancellationToken: ct))
                {
                    if (message.Data is { Length: > 0 } data && NatsEventBatch.TryRead(data) is { } events)
                        _dispatcher.Offer(events);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "NATS subscription ended; subscribing again");
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private async Task PublishLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var events in _outgoing.Reader.ReadAllAsync(ct))
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(PublishTimeout);
                try
                {
                    await _connection.PublishAsync(Subject, NatsEventBatch.Write(events), cancellationToken: timeout.Token);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    // Dropped: the subscribers find these rows by the id gap or their next poll.
                    _logger.LogDebug(ex, "Real-time batch not published to NATS");
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}

/// <summary>
/// The wire format of one committed batch: the rows of one insert share type and payload, so those travel once,
/// with the (id, user) pairs.
/// </summary>
internal sealed record NatsEventBatch(string Type, string Payload, long[] Ids, Guid[] Users)
{
    public static byte[] Write(IReadOnlyList<StoredEvent> events) =>
        JsonSerializer.SerializeToUtf8Bytes(new NatsEventBatch(
            events[0].Type, events[0].Payload, [.. events.Select(e => e.Id)], [.. events.Select(e => e.UserId)]));

    /// <returns>The rows, or null for a message that is not ours (the subject is shared with whatever else runs there).</returns>
    public static IReadOnlyList<StoredEvent>? TryRead(byte[] data)
    {
        try
        {
            var batch = JsonSerializer.Deserialize<NatsEventBatch>(data);
            if (batch is null || batch.Ids is null || batch.Users is null || batch.Ids.Length != batch.Users.Length || batch.Type is null || batch.Payload is null)
                return null;
            return [.. batch.Ids.Select((id, i) => new StoredEvent(id, batch.Users[i], batch.Type, batch.Payload))];
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
