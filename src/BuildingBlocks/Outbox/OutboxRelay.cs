using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.BuildingBlocks.Outbox;

/// <summary>
/// Publishes a module's stored integration events to the bus. Rows are claimed with
/// <c>FOR UPDATE SKIP LOCKED</c>, so relays on several nodes share the work without publishing a
/// row twice in the normal case. A crash after publish but before the row is marked can publish
/// it again: delivery is at-least-once and the bus message id is the outbox id, which consumers
/// use to deduplicate.
/// </summary>
public sealed class OutboxRelay(
    string schema,
    NpgsqlDataSource dataSource,
    IBus bus,
    OutboxSignal signal,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const int BatchSize = 100;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(stoppingToken);
                if (published == BatchSize)
                    continue;
                await CleanupAsync(stoppingToken);
                await signal.WaitAsync(IdlePoll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database or the bus is down: keep the rows and try again shortly.
                logger.LogWarning(ex, "Outbox relay for schema {Schema} failed; retrying", schema);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    public async Task<int> PublishBatchAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var batch = new List<(Guid Id, string Type, string Payload, DateTimeOffset OccurredAt, string? TraceParent, string? TraceState)>();
        await using (var select = new NpgsqlCommand(
            $"""
             SELECT id, type, payload::text, occurred_at, trace_parent, trace_state FROM "{schema}".outbox_messages
             WHERE published_at IS NULL
             ORDER BY occurred_at, id
             LIMIT {BatchSize}
             FOR UPDATE SKIP LOCKED
             """, connection, transaction))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                batch.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        foreach (var (id, typeName, payload, occurredAt, traceParent, traceState) in batch)
        {
            using var activity = OutboxTraceContext.StartPublish(schema, id, typeName, traceParent, traceState);
            var type = IntegrationEventTypes.Find(typeName);
            if (type is null)
            {
                await MarkFailedAsync(connection, transaction, id, $"Unknown event type {typeName}", ct);
                continue;
            }
            var message = JsonSerializer.Deserialize(payload, type, OutboxJson.Options)!;
            await bus.Publish(message, type, context =>
            {
                context.MessageId = id;
                OutboxTraceContext.Write(context.Headers, activity, traceParent, traceState);
            }, ct);
            OutboxMetrics.Published(schema, DateTimeOffset.UtcNow - occurredAt);
            await using var mark = new NpgsqlCommand(
                $"""UPDATE "{schema}".outbox_messages SET published_at = now(), attempts = attempts + 1 WHERE id = @id""",
                connection, transaction);
            mark.Parameters.AddWithValue("id", id);
            await mark.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return batch.Count;
    }

    private async Task MarkFailedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid id, string error, CancellationToken ct)
    {
        logger.LogError("Outbox message {Id} in {Schema} cannot be published: {Error}", id, schema, error);
        // Parked, not deleted: the row leaves the queue (so the relay does not spin on it) but keeps
        // its payload and error for an operator; cleanup never removes rows with last_error set.
        await using var command = new NpgsqlCommand(
            $"""UPDATE "{schema}".outbox_messages SET published_at = now(), attempts = attempts + 1, last_error = @error WHERE id = @id""",
            connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("error", error);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task CleanupAsync(CancellationToken ct)
    {
        if (DateTimeOffset.UtcNow < _nextCleanup)
            return;
        _nextCleanup = DateTimeOffset.UtcNow.AddHours(1);
        await using var command = dataSource.CreateCommand(
            $"""DELETE FROM "{schema}".outbox_messages WHERE published_at < now() - @retention AND last_error IS NULL""");
        command.Parameters.AddWithValue("retention", Retention);
        await command.ExecuteNonQueryAsync(ct);
    }
}
